package io.schemabot.plan;

import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A foreign key waits for VALIDATE after COMMIT only when its rows are known to pass (it was valid before, or a data
 * check proves them) and PostgreSQL allows it; otherwise it is checked inside the transaction, which a failure then
 * rolls back whole.
 */
class ForeignKeyPhasesTest {

    @Test
    void aNewKeyOverRowsACheckProves_isAddedNotValid_andValidatedAfterCommit() {
        Plan plan = plan("fkp_proven", "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int, p_id int);",
                "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int, p_id int REFERENCES p);");
        assertEquals(1, plan.afterCommit().size(), plan.sql());
        assertTrue(plan.inTransaction().get(0).sql().endsWith(" NOT VALID;"), plan.sql());
        assertEquals(1, plan.checks().size(), "the orphans are counted before anyone approves");
    }

    /** No check can count orphans of a column the plan itself adds: the key is checked where a failure undoes all. */
    @Test
    void aNewKeyOverAColumnThePlanAdds_isCheckedInsideTheTransaction() {
        Plan plan = plan("fkp_newcol", "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int);",
                "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int, p_id int DEFAULT 7 REFERENCES p);");
        assertEquals(List.of(), plan.afterCommit(), plan.sql());
        Step add = plan.steps().stream().filter(s -> s.title().startsWith("add foreign key")).findFirst().orElseThrow();
        assertFalse(add.sql().contains("NOT VALID"), add.sql());
        assertTrue(add.hazards().stream().anyMatch(h -> h.kind() == Hazard.Kind.FAILS_ON_DATA), add.hazards().toString());
    }

    /** PostgreSQL before 18 refuses NOT VALID keys on partitioned tables; the hazard stays with the key. */
    @Test
    void aNewKeyOnAPartitionedTable_isCheckedInPlace_andKeepsItsHazard() {
        String common = "CREATE TABLE p (id int PRIMARY KEY);";
        Plan plan = plan("fkp_part", common + " CREATE TABLE c (id int, p_id int) PARTITION BY RANGE (id);"
                        + " CREATE TABLE c1 PARTITION OF c FOR VALUES FROM (0) TO (100);",
                common + " CREATE TABLE c (id int, p_id int REFERENCES p) PARTITION BY RANGE (id);"
                        + " CREATE TABLE c1 PARTITION OF c FOR VALUES FROM (0) TO (100);");
        assertEquals(List.of(), plan.afterCommit(), plan.sql());
        Step add = plan.steps().stream().filter(s -> s.title().startsWith("add foreign key")).findFirst().orElseThrow();
        assertFalse(add.sql().contains("NOT VALID"), add.sql());
        assertTrue(add.hazards().stream().anyMatch(h -> h.kind() == Hazard.Kind.FAILS_ON_DATA), add.hazards().toString());
    }

    /** A plan stored before phases and proof values existed reads back with the same SQL and hash. */
    @Test
    void aPlanStoredBeforeThePhasesReadsBackUnchanged() {
        Plan plan = plan("fkp_old", "CREATE TABLE t (id int PRIMARY KEY, n int);",
                "CREATE TABLE t (id int PRIMARY KEY, n bigint);");
        Step only = plan.steps().get(0);
        Plan old = new Plan(List.of(new Step(only.title(), only.sql(), only.objects(), only.hazards(),
                List.of(new Step.Conversion("public.t", List.of("n"))))), plan.checks(), plan.baseFingerprint(),
                plan.targetFingerprint(), plan.options());
        String stored = PlanJson.write(old).replace(",\"phase\":\"IN_TRANSACTION\"", "")
                .replaceAll(",\"values\":\\[[^]]*],\"timeZone\":null", "");
        assertFalse(stored.contains("phase") || stored.contains("values"), stored);

        Plan read = PlanJson.read(stored);

        assertEquals(old.sql(), read.sql());
        assertEquals(old.hash(), read.hash());
        assertEquals(List.of("n"), read.steps().get(0).conversions().get(0).values(), "proven against its own text");
    }

    private static Plan plan(String name, String production, String target) {
        try (TestDatabase prod = EmbeddedPg.createDatabase(name); TestDatabase exp = EmbeddedPg.createDatabase(name + "_exp")) {
            prod.exec(production);
            exp.exec(target);
            return PlanFixtures.plan(prod, exp);
        }
    }
}
