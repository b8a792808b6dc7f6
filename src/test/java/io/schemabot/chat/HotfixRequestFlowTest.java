package io.schemabot.chat;

import io.schemabot.config.Config;
import io.schemabot.ops.Hotfixes;
import io.schemabot.ops.Ops;
import io.schemabot.store.Store;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.IncidentProduction;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hotfix requests through the chat router, on a real store and the incident's production. */
class HotfixRequestFlowTest {
    private static final String OPS = "C0OPS";
    private static final Pattern ID = Pattern.compile("Hotfix request (hf-[a-z0-9]{6})");

    @Test
    void productionChangedBetweenProposalAndApproval_makesTheRequestStale() {
        try (TestDatabase prod = IncidentProduction.create("flow_stale"); TestDatabase store = EmbeddedPg.createDatabase("flow_stale_store");
             CommandRouter router = router(prod, store, false)) {
            String id = propose(router, "hotfix production");
            prod.exec("CREATE INDEX documents_title ON documents (title)");
            String reply = say(router, "U0LEAD1", "approve " + id);
            assertTrue(reply.contains("schema changed since the plan was made") && reply.contains("stale"), reply);
            assertTrue(say(router, "U0LEAD2", "approve " + id).contains("Not approved"), "a stale request takes no approvals");
        }
    }

    @Test
    void withAutoExecute_theApprovalThatCompletesTheQuorumExecutes() {
        try (TestDatabase prod = IncidentProduction.create("flow_auto"); TestDatabase store = EmbeddedPg.createDatabase("flow_auto_store");
             CommandRouter router = router(prod, store, true)) {
            String id = propose(router, "hotfix production");
            assertFalse(say(router, "U0LEAD1", "approve " + id).contains("executed"));
            String second = say(router, "U0LEAD2", "approve " + id);
            assertTrue(second.contains("approved " + id + " (2 of 2 approvals)"), second);
            assertTrue(second.contains("Hotfix request " + id + " executed: production repaired"), second);
            assertTrue(second.contains("drift: none"), second);
        }
    }

    @Test
    void aPlanThatLosesData_isProposedOnlyWithConsent_andSaysSoInBold() {
        try (TestDatabase prod = IncidentProduction.create("flow_loss"); TestDatabase store = EmbeddedPg.createDatabase("flow_loss_store");
             CommandRouter router = router(prod, store, false)) {
            prod.exec("ALTER TABLE documents ADD COLUMN notes text");
            String refused = say(router, "U0ALICE", "hotfix production");
            assertTrue(refused.contains("--allow-data-loss"), refused);
            assertFalse(ID.matcher(refused).find(), "no request was made: " + refused);
            String proposed = say(router, "U0ALICE", "hotfix production --allow-data-loss");
            assertTrue(ID.matcher(proposed).find(), proposed);
            assertTrue(proposed.contains("Proposed with --allow-data-loss: this plan LOSES DATA"), proposed);
        }
    }

    private static CommandRouter router(TestDatabase prod, TestDatabase store, boolean autoExecute) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(store.jdbcUrl());
        new Store(ds, "the test store", () -> { });
        Config config = new Config(new Config.Slack(null, null, "http://localhost/api/", OPS, "/schemabot", false),
                Map.of("production", new Config.Target("production", prod.jdbcUrl(), IncidentProduction.MIGRATIONS, null, null)),
                new Config.Approval(List.of("U0LEAD1", "U0LEAD2"), 2, Duration.ofMinutes(30), autoExecute),
                new Config.Server(0), new Config.Store(null));
        Ops ops = new Ops(EmbeddedPg.shared(), config.planning());
        return new CommandRouter(config, ops, Hotfixes.over(config, ops, ds, Clock.systemUTC(), null));
    }

    private static String propose(CommandRouter router, String text) {
        String reply = say(router, "U0ALICE", text);
        Matcher m = ID.matcher(reply);
        assertTrue(m.find(), reply);
        return m.group(1);
    }

    private static String say(CommandRouter router, String user, String text) {
        return io.schemabot.console.ConsoleText.render(router.handle(new Invocation(user, OPS, text)));
    }
}
