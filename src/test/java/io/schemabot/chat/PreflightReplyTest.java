package io.schemabot.chat;

import io.schemabot.migrate.PreflightReport;
import io.schemabot.plan.DataCheck;
import io.schemabot.plan.Planner;
import io.schemabot.testing.SchemaPair;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chat replies say what production's rows say, and count in the right number. */
class PreflightReplyTest {
    private static final DataCheck REFUSED = new DataCheck("public.orders.orders_status_check",
            "rows of public.orders violating CHECK (status <> 'refunded')", "SELECT 1", 1L, "2", null, null);
    private static final DataCheck TIMED_OUT = new DataCheck("public.orders.email", "rows of public.orders where"
            + " email is NULL", "SELECT 1", null, null, "canceling statement due to statement timeout", null);

    @Test
    void preflight_migrationThatProductionRowsRefuse_saysItWillFailThere() {
        Reply reply = Replies.preflight("production", report(new PreflightReport.DataCheckResult(REFUSED, 12L, null)));
        assertEquals("production: preflight — a pending migration will fail on production data", reply.header());
        String section = ((Reply.Section) reply.blocks().get(0)).text();
        assertTrue(section.startsWith("*V2 status check*: applies on the shadow in 30 ms, but *will fail on production"
                + " data*"), section);
        assertTrue(section.contains("\n❌ rows of public.orders violating CHECK (status <> 'refunded'): 1 row would"
                + " fail, e.g. 2 (12 ms)"), section);
    }

    @Test
    void preflight_checkThatTimedOut_isNotCheckedAndTheMigrationApplies() {
        Reply reply = Replies.preflight("production", report(new PreflightReport.DataCheckResult(TIMED_OUT, 5L, null)));
        assertEquals("production: preflight — the 1 pending migration applies (1 data check not run or not"
                + " conclusive)", reply.header());
        String section = ((Reply.Section) reply.blocks().get(0)).text();
        assertTrue(section.contains("\n❔ rows of public.orders where email is NULL: not checked: canceling statement"
                + " due to statement timeout (5 ms)"), section);
    }

    @Test
    void hotfix_oneStep_isSingular() {
        SchemaPair pair = SchemaPair.of("", "", "CREATE TABLE u (id int);");
        Reply reply = Replies.hotfix("production", Planner.plan(pair.diff, pair.from, pair.to));
        assertTrue(reply.header().endsWith(" (1 step in one transaction)"), reply.header());
    }

    private static PreflightReport report(PreflightReport.DataCheckResult check) {
        PreflightReport.MigrationOutcome v2 = new PreflightReport.MigrationOutcome("2", "status check",
                "V2__status_check.sql", true, 30, List.of(), List.of(), List.of(check), false);
        return new PreflightReport("localhost:5432/app", "17.6", "embedded PostgreSQL 17.6", "17.6", "1", List.of(),
                List.of(v2), 100);
    }
}
