package io.schemabot.plan;

import io.schemabot.testing.PlanRoundTrip;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, point 3: a table the target has under a new name keeps its constraint and index names, which are
 * relations of the schema: the old table goes before the new one is created, and the plan says it looks like a
 * rename, which it does not guess for the user (that would keep rows the user may want gone).
 */
class TableRenameTest {

    @Test
    void aRenamedTableWithTheSameConstraintNamesIsDroppedBeforeTheNewOneIsCreated() {
        String before = """
                CREATE TABLE old_t (id int CONSTRAINT same_pkey PRIMARY KEY, code text CONSTRAINT same_code_key UNIQUE,
                                    n int CONSTRAINT same_n_check CHECK (n > 0));
                CREATE INDEX same_n_idx ON old_t (n);
                """;
        String after = before.replace("old_t", "new_t");
        Plan plan = PlanRoundTrip.oneWay("", before, after);
        assertTrue(plan.hazards().stream().anyMatch(h -> h.kind() == Hazard.Kind.DATA_LOSS
                && h.reason().contains("looks like public.old_t renamed")
                && h.reason().contains("ALTER TABLE public.old_t RENAME TO new_t")), plan.sql());
        PlanRoundTrip.oneWay("", after, before);
    }

    @Test
    void anotherTableTakingADroppedTablesIndexNameComesAfterTheDrop() {
        PlanRoundTrip.bothWays("", """
                CREATE TABLE a (x int);
                CREATE INDEX shared_idx ON a (x);
                """, """
                CREATE TABLE b (y text, z int);
                CREATE UNIQUE INDEX shared_idx ON b (y);
                """);
    }

    @Test
    void aRenamedTableReferencedByAForeignKeyIsReplacedWithItsReferences() {
        PlanRoundTrip.bothWays("", """
                CREATE TABLE old_p (id int CONSTRAINT p_pkey PRIMARY KEY);
                CREATE TABLE c (p int REFERENCES old_p);
                """, """
                CREATE TABLE new_p (id int CONSTRAINT p_pkey PRIMARY KEY);
                CREATE TABLE c (p int REFERENCES new_p);
                """);
    }

    @Test
    void aRenamedPartitionedTableWithSerialAndIdentityColumnsIsReplaced() {
        String before = """
                CREATE TABLE old_e (id serial, at date NOT NULL, n int GENERATED ALWAYS AS IDENTITY,
                                    CONSTRAINT e_pkey PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
                CREATE TABLE old_e_2026 PARTITION OF old_e FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
                CREATE INDEX e_at_idx ON old_e (at);
                """;
        PlanRoundTrip.bothWays("", before, before.replace("old_e", "new_e"));
    }

    @Test
    void aDroppedTableReferencingOneThatGoesEarlyGoesWithIt() {
        PlanRoundTrip.bothWays("", """
                CREATE TABLE old_p (id int CONSTRAINT p_pkey PRIMARY KEY);
                CREATE TABLE c (p int REFERENCES old_p);
                """, "CREATE TABLE new_p (id int CONSTRAINT p_pkey PRIMARY KEY);");
    }
}
