package io.schemabot.plan;

import io.schemabot.diff.SchemaDiff;
import io.schemabot.schema.Snapshot;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.PlanRoundTrip;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static io.schemabot.testing.PlanRoundTrip.bothWays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sequence's new range and its current value: moved forward into the range, never back. */
class SequenceRangeTest {

    @Test
    void raisedMinimumMovesAnUnusedSequenceToTheNewStart() {
        bothWays("", "CREATE SEQUENCE s", "CREATE SEQUENCE s MINVALUE 1000 START 1000");
        bothWays("", "CREATE SEQUENCE d INCREMENT -1", "CREATE SEQUENCE d INCREMENT -1 MAXVALUE -1000 START -1000");
    }

    @Test
    void raisedMinimumKeepsTheValuesHandedOutAndGoesOnFromTheNewStart() throws Exception {
        try (TestDatabase prod = EmbeddedPg.createDatabase("seq_prod"); TestDatabase target = EmbeddedPg.createDatabase("seq_target")) {
            prod.exec("CREATE SEQUENCE s; SELECT nextval('s'), nextval('s')");
            target.exec("CREATE SEQUENCE s MINVALUE 1000 START 1000");
            Plan plan = plan(prod, target);
            PlanRoundTrip.apply(prod, plan);
            assertEquals(1000L, nextval(prod));
            assertTrue(SchemaDiff.between(prod.snapshot(), target.snapshot()).changes().isEmpty());
        }
    }

    @Test
    void loweredMaximumBelowTheValuesHandedOutIsAHazardWithACheckNotARestart() throws Exception {
        try (TestDatabase prod = EmbeddedPg.createDatabase("seq_prod"); TestDatabase target = EmbeddedPg.createDatabase("seq_target")) {
            prod.exec("CREATE SEQUENCE s; SELECT setval('s', 500)");
            target.exec("CREATE SEQUENCE s MAXVALUE 100");
            Plan plan = plan(prod, target);
            assertFalse(plan.sql().contains("RESTART"), plan.sql());
            assertTrue(plan.hazards().stream().anyMatch(h -> h.kind() == Hazard.Kind.FAILS_ON_DATA
                    && h.reason().contains("values above 100")), plan.hazards().toString());
            List<DataCheck> checks;
            try (Connection c = prod.connect()) {
                checks = DataChecks.run(c, plan.checks(), Duration.ofSeconds(30));
            }
            assertEquals(1, checks.size(), checks.toString());
            assertEquals(1L, checks.get(0).violations());
            assertEquals("500", checks.get(0).example());

            prod.exec("SELECT setval('s', 50)");
            PlanRoundTrip.apply(prod, plan(prod, target));
            assertEquals(51L, nextval(prod));
        }
    }

    private static Plan plan(TestDatabase from, TestDatabase to) {
        Snapshot a = from.snapshot();
        Snapshot b = to.snapshot();
        return Planner.plan(SchemaDiff.between(a, b), a, b);
    }

    private static long nextval(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT nextval('s')")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
