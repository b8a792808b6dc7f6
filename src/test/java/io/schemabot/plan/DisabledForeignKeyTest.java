package io.schemabot.plan;

import io.schemabot.diff.DiffResult;
import io.schemabot.diff.SchemaDiff;
import io.schemabot.schema.Snapshot;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.PlanRoundTrip;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A foreign key whose triggers were disabled (DISABLE TRIGGER ALL) still says it is valid but checks nothing: it
 * is drift, the plan adds it again, and the orphans it let in are counted first, as for a new key.
 */
class DisabledForeignKeyTest {
    private static final String SCHEMA = "CREATE TABLE p (id int PRIMARY KEY);"
            + " CREATE TABLE c (id int PRIMARY KEY, pid int REFERENCES p); INSERT INTO p VALUES (1);";

    @Test
    void aForeignKeyWithItsTriggersOffIsAddedAgainAndEnforced() throws Exception {
        try (TestDatabase prod = EmbeddedPg.createDatabase("fkoff_prod"); TestDatabase target = EmbeddedPg.createDatabase("fkoff_target")) {
            prod.exec(SCHEMA + " ALTER TABLE c DISABLE TRIGGER ALL; INSERT INTO c VALUES (1, 1), (2, 999);");
            target.exec(SCHEMA);
            Snapshot a = prod.snapshot();
            Snapshot b = target.snapshot();
            DiffResult diff = SchemaDiff.between(a, b);
            assertEquals(1, diff.changes().size(), diff.changes().toString());
            assertTrue(diff.changes().get(0).describe().contains("checks nothing"), diff.changes().toString());

            List<DataCheck> checks = PlanFixtures.runChecks(prod, Planner.plan(diff, a, b));
            assertEquals(1L, checks.get(0).violations(), checks.toString());

            prod.exec("DELETE FROM c WHERE id = 2");
            PlanRoundTrip.apply(prod, PlanFixtures.plan(prod, target));
            assertTrue(SchemaDiff.between(prod.snapshot(), b).isEmpty());
            assertThrows(IllegalStateException.class, () -> prod.exec("INSERT INTO c VALUES (3, 999)"));
        }
    }
}
