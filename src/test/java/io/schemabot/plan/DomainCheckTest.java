package io.schemabot.plan;

import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.PlanRoundTrip;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ALTER DOMAIN checks every stored value of the domain when it gains NOT NULL or a check: the plan's data checks
 * count the values it will refuse, wherever they are stored, before anyone approves.
 */
class DomainCheckTest {
    private static final String DOMAINS = "CREATE DOMAIN amount AS int; CREATE DOMAIN small_amount AS amount;";
    private static final String TABLES = """
            CREATE TABLE orders ("value" amount, total amount, note text);
            CREATE TABLE archived_orders () INHERITS (orders);
            CREATE TABLE refunds (r small_amount);
            """;

    @Test
    void newCheck_countsRefusedValuesInEveryColumnOfTheDomainAndOfDomainsOverIt() {
        String rows = """
                INSERT INTO orders VALUES (5, -1, 'refused'), (-1, NULL, 'refused'), (NULL, 3, 'kept');
                INSERT INTO archived_orders VALUES (1, -7, 'refused in a child table');
                INSERT INTO refunds VALUES (-2), (4);
                """;
        try (TestDatabase prod = EmbeddedPg.createDatabase("dom_prod");
             TestDatabase expected = EmbeddedPg.createDatabase("dom_target")) {
            prod.exec(DOMAINS + TABLES + rows);
            expected.exec(DOMAINS.replace("AS int;", "AS int CONSTRAINT amount_positive CHECK (VALUE > 0);") + TABLES);
            Plan plan = PlanFixtures.plan(prod, expected);
            List<DataCheck> checks = PlanFixtures.runChecks(prod, plan);
            assertEquals(5, checks.size(), checks.toString());
            assertEquals(4L, checks.stream().mapToLong(DataCheck::violations).sum(), checks.toString());
            assertTrue(checks.stream().anyMatch(k -> k.object().equals("public.refunds.r") && k.violations() == 1
                    && "-2".equals(k.example())), checks.toString());
            assertThrows(AssertionError.class, () -> PlanRoundTrip.apply(prod, plan));

            prod.exec("DELETE FROM orders WHERE total < 0 OR \"value\" < 0; DELETE FROM refunds WHERE r < 0");
            Plan clean = PlanFixtures.plan(prod, expected);
            assertEquals(0L, PlanFixtures.runChecks(prod, clean).stream().mapToLong(DataCheck::violations).sum());
            PlanRoundTrip.apply(prod, clean);
            assertTrue(PlanFixtures.plan(prod, expected).isEmpty());
        }
    }

    @Test
    void newNotNull_countsTheNullsPostgresRefuses() {
        try (TestDatabase prod = EmbeddedPg.createDatabase("dom_prod");
             TestDatabase expected = EmbeddedPg.createDatabase("dom_target")) {
            prod.exec(DOMAINS + TABLES + "INSERT INTO orders VALUES (1, NULL, 'x'), (NULL, NULL, 'y')");
            expected.exec(DOMAINS.replace("AS int;", "AS int NOT NULL;") + TABLES);
            Plan plan = PlanFixtures.plan(prod, expected);
            List<DataCheck> checks = PlanFixtures.runChecks(prod, plan);
            assertEquals(3L, checks.stream().mapToLong(DataCheck::violations).sum(), checks.toString());
            assertThrows(AssertionError.class, () -> PlanRoundTrip.apply(prod, plan));
        }
    }

    @Test
    void aDomainInsideAnArrayColumn_isBlockedWithTheManualSteps_notLeftToFail() {
        try (TestDatabase prod = EmbeddedPg.createDatabase("dom_prod");
             TestDatabase expected = EmbeddedPg.createDatabase("dom_target")) {
            String tables = "CREATE TABLE batches (amounts small_amount[]);";
            prod.exec(DOMAINS + tables + "INSERT INTO batches VALUES ('{1,2}')");
            expected.exec(DOMAINS.replace("AS int;", "AS int CHECK (VALUE > 0);") + tables);
            Plan plan = PlanFixtures.plan(prod, expected);
            assertTrue(plan.isBlocked(), plan.sql());
            assertTrue(plan.hazards().stream().anyMatch(h -> h.kind() == Hazard.Kind.BLOCKING
                    && h.reason().contains("public.batches.amounts")), plan.hazards().toString());
            assertTrue(plan.sql().contains("-- BLOCKED: PostgreSQL cannot check domain public.amount"), plan.sql());
            PlanRoundTrip.apply(prod, plan); // the blocked statement is only a comment, so nothing fails
        }
    }
}
