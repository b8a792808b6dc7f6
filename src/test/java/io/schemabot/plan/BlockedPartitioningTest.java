package io.schemabot.plan;

import io.schemabot.diff.SchemaDiff;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.PlanRoundTrip;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, point 6: a BLOCKING plan still runs without error: what depends on the blocked change (partitions of a
 * table that cannot be converted) is left to the person, and no step drops what an earlier step already dropped.
 */
class BlockedPartitioningTest {
    @Test
    void convertingAPlainTableToPartitioned_isBlocking_andItsPartitionsAreNotCreatedAgainstThePlainTable() {
        try (TestDatabase a = EmbeddedPg.createDatabase("blk_a"); TestDatabase b = EmbeddedPg.createDatabase("blk_b")) {
            a.exec("CREATE TABLE p (k int, v int); CREATE TABLE p2 (k int, v int);");
            b.exec("""
                    CREATE TABLE p (k int, v int) PARTITION BY RANGE (k);
                    CREATE TABLE p1 PARTITION OF p (v NOT NULL) FOR VALUES FROM (0) TO (10);
                    CREATE INDEX p1_v_idx ON p1 (v);
                    COMMENT ON TABLE p1 IS 'first';
                    CREATE TABLE p2 (k int, v int);
                    ALTER TABLE p ATTACH PARTITION p2 FOR VALUES FROM (10) TO (20);
                    """);
            Plan plan = Planner.plan(SchemaDiff.between(a.snapshot(), b.snapshot()), a.snapshot(), b.snapshot());
            assertTrue(plan.isBlocked(), plan.hazards().toString());
            assertTrue(plan.hazards().stream().anyMatch(h -> h.kind() == Hazard.Kind.BLOCKING
                    && h.reason().contains("public.p1")), plan.hazards().toString());
            PlanRoundTrip.apply(a, plan);
            assertFalse(SchemaDiff.between(a.snapshot(), b.snapshot()).isEmpty());
        }
    }

    @Test
    void detachingAPartition_whileItsParentsForeignKeyGoes_dropsTheKeyOnce() {
        PlanRoundTrip.bothWays("""
                CREATE TABLE r (id int PRIMARY KEY);
                CREATE TABLE p (k int, r_id int) PARTITION BY RANGE (k);
                CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);
                """, """
                ALTER TABLE p ADD CONSTRAINT p_r_fkey FOREIGN KEY (r_id) REFERENCES r (id);
                ALTER TABLE p ADD CONSTRAINT p_k_check CHECK (k >= 0);
                """, """
                ALTER TABLE p DETACH PARTITION p1;
                """);
    }
}
