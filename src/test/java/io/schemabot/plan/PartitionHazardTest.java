package io.schemabot.plan;

import io.schemabot.diff.SchemaDiff;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.PlanRoundTrip;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Partition changes PostgreSQL refuses on some data are named, and checked, before anyone approves them. */
class PartitionHazardTest {

    @Test
    void aNewPartitionWhoseRowsSitInTheDefaultPartitionIsCheckedFirst() throws Exception {
        String parent = "CREATE TABLE m (id int, k date NOT NULL) PARTITION BY RANGE (k);"
                + " CREATE TABLE m_def PARTITION OF m DEFAULT;";
        try (TestDatabase prod = EmbeddedPg.createDatabase("part_prod"); TestDatabase target = EmbeddedPg.createDatabase("part_target")) {
            prod.exec(parent + " INSERT INTO m VALUES (1, '2024-05-01'), (2, '2030-01-01');");
            target.exec(parent + " CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');");
            Plan plan = PlanFixtures.plan(prod, target);
            assertTrue(plan.hazards().stream().anyMatch(h -> h.kind() == Hazard.Kind.FAILS_ON_DATA
                    && h.reason().contains("default partition public.m_def")), plan.hazards().toString());
            List<DataCheck> checks = PlanFixtures.runChecks(prod, plan);
            assertEquals(1, checks.size(), checks.toString());
            assertEquals(1L, checks.get(0).violations(), checks.toString());
            assertEquals("2024-05-01", checks.get(0).example());

            prod.exec("DELETE FROM m WHERE id = 1");
            PlanRoundTrip.apply(prod, PlanFixtures.plan(prod, target));
            assertTrue(SchemaDiff.between(prod.snapshot(), target.snapshot()).isEmpty());
        }
    }

    @Test
    void changingTheBoundsOfAPartitionThatForeignKeysReferenceSaysItMayFail() {
        String common = "CREATE TABLE l (id int, region text, PRIMARY KEY (id, region)) PARTITION BY LIST (region);"
                + " CREATE TABLE r (id int PRIMARY KEY, lid int, lregion text, FOREIGN KEY (lid, lregion) REFERENCES l);";
        Plan plan = PlanRoundTrip.oneWay(common, "CREATE TABLE l_eu PARTITION OF l FOR VALUES IN ('de', 'fr');",
                "CREATE TABLE l_eu PARTITION OF l FOR VALUES IN ('de', 'fr', 'it');");
        assertTrue(plan.hazards().stream().anyMatch(h -> h.kind() == Hazard.Kind.FAILS_ON_DATA
                && h.reason().contains("referenced by foreign key r_lid_lregion_fkey")), plan.hazards().toString());
    }
}
