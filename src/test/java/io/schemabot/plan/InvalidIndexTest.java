package io.schemabot.plan;

import io.schemabot.diff.DiffResult;
import io.schemabot.diff.SchemaDiff;
import io.schemabot.schema.Snapshot;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.PlanRoundTrip;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A unique index that a failed CREATE INDEX CONCURRENTLY left invalid enforces nothing: it is drift, and repaired. */
class InvalidIndexTest {

    @Test
    void anInvalidUniqueIndexIsBuiltAgainAndEnforcesUniqueness() {
        try (TestDatabase prod = EmbeddedPg.createDatabase("invalid_prod");
             TestDatabase target = EmbeddedPg.createDatabase("invalid_target")) {
            prod.exec("CREATE TABLE t (id int PRIMARY KEY, email text); INSERT INTO t VALUES (1, 'a'), (2, 'a')");
            assertThrows(IllegalStateException.class, () -> prod.exec("CREATE UNIQUE INDEX CONCURRENTLY t_email ON t (email)"));
            prod.exec("DELETE FROM t WHERE id = 2");
            target.exec("CREATE TABLE t (id int PRIMARY KEY, email text); CREATE UNIQUE INDEX t_email ON t (email)");

            Snapshot a = prod.snapshot();
            Snapshot b = target.snapshot();
            assertFalse(a.fingerprint().equals(b.fingerprint()));
            DiffResult diff = SchemaDiff.between(a, b);
            assertEquals(1, diff.changes().size(), diff.changes().toString());
            assertTrue(diff.changes().get(0).describe().contains("INVALID"), diff.changes().toString());

            PlanRoundTrip.apply(prod, Planner.plan(diff, a, b));
            assertTrue(SchemaDiff.between(prod.snapshot(), b).isEmpty());
            assertThrows(IllegalStateException.class, () -> prod.exec("INSERT INTO t VALUES (3, 'a')"));
        }
    }
}
