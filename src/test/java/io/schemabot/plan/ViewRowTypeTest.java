package io.schemabot.plan;

import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.PlanRoundTrip;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A view whose row type a table column stores cannot be dropped and recreated: the plan says so before anyone approves. */
class ViewRowTypeTest {
    private static final String SCHEMA = """
            CREATE TABLE prices (sku text, amount %s);
            CREATE VIEW price_rows AS SELECT sku, amount FROM prices;
            CREATE TABLE snapshots (taken date, "row" price_rows, rows price_rows[]);
            """;

    @Test
    void aRebuiltViewWhoseRowTypeIsStored_isBlockingAndNamesTheColumns() {
        try (TestDatabase prod = EmbeddedPg.createDatabase("vrt_prod");
             TestDatabase expected = EmbeddedPg.createDatabase("vrt_target")) {
            prod.exec(SCHEMA.formatted("integer"));
            expected.exec(SCHEMA.formatted("numeric(12,2)"));
            Plan plan = PlanFixtures.plan(prod, expected);
            assertTrue(plan.isBlocked(), plan.sql());
            assertTrue(plan.hazards().stream().anyMatch(h -> h.kind() == Hazard.Kind.BLOCKING
                    && h.reason().contains("(public.snapshots.\"row\", public.snapshots.rows)")), plan.hazards().toString());
            // what the hazard foretells: PostgreSQL refuses the DROP VIEW
            assertThrows(AssertionError.class, () -> PlanRoundTrip.apply(prod, plan));
        }
    }
}
