package io.schemabot.plan;

import io.schemabot.diff.SchemaDiff;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.PlanRoundTrip;
import io.schemabot.testing.SchemaPair;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Tables tied to others by inheritance or partitioning: per-child properties, merged columns, persistence across
 * foreign keys, and partition bounds re-cut without overlap.
 */
class InheritanceRoundTripTest {

    /** Both directions, each reported, so one failing direction does not hide the other. */
    private static void bothWays(String common, String a, String b) {
        List<String> errors = new ArrayList<>();
        for (String[] pair : new String[][] {{a, b}, {b, a}}) {
            try {
                PlanRoundTrip.oneWay(common, pair[0], pair[1]);
            } catch (Throwable e) {
                errors.add((pair[0] == a ? "A->B: " : "B->A: ") + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            fail(String.join("\n==========\n", errors));
        }
    }

    @Test
    void notNullSetOnlyOnAnInheritanceChildIsPlanned() {
        bothWays("CREATE TABLE p (x int); CREATE TABLE c (y int) INHERITS (p)", "",
                "ALTER TABLE c ALTER COLUMN x SET NOT NULL");
    }

    @Test
    void notNullSetOnlyOnAPartitionIsPlanned() {
        bothWays("CREATE TABLE m (id int, k int, x int) PARTITION BY RANGE (k);"
                + " CREATE TABLE m1 PARTITION OF m FOR VALUES FROM (0) TO (10)", "",
                "ALTER TABLE m1 ALTER COLUMN x SET NOT NULL");
    }

    @Test
    void generationExpressionChangedOnlyOnAChildIsPlanned() {
        bothWays("CREATE TABLE p (a int, g int GENERATED ALWAYS AS (a * 2) STORED); CREATE TABLE c () INHERITS (p);"
                + " INSERT INTO c (a) VALUES (5)", "", "ALTER TABLE c ALTER COLUMN g SET EXPRESSION AS (a * 3)");
    }

    @Test
    void mergedInheritedColumnIsRetypedWithItsParent() {
        bothWays("", "CREATE TABLE p (a int); CREATE TABLE c (a int, b int) INHERITS (p)",
                "CREATE TABLE p (a bigint); CREATE TABLE c (a bigint, b int) INHERITS (p)");
    }

    @Test
    void columnAddedToAParentReachesItsChild() {
        bothWays("", "CREATE TABLE p (a int); CREATE TABLE c (x int) INHERITS (p)",
                "CREATE TABLE p (a int, extra text); CREATE TABLE c (x int) INHERITS (p)");
    }

    @Test
    void secondParentWithANewColumnIsInherited() {
        bothWays("CREATE TABLE p1 (a int); CREATE TABLE p2 (b int)",
                "CREATE TABLE c (x int) INHERITS (p1)",
                "ALTER TABLE p1 ADD COLUMN extra text; CREATE TABLE c (x int, b int) INHERITS (p1, p2)");
    }

    @Test
    void secondParentMergesAColumnTheChildHas() {
        bothWays("CREATE TABLE p1 (a int); CREATE TABLE p2 (b int)",
                "CREATE TABLE c (x int) INHERITS (p1)",
                "CREATE TABLE c (x int, b int) INHERITS (p1, p2)");
    }

    @Test
    void unloggedTablesLinkedByAForeignKeyBecomeLogged() {
        bothWays("", "CREATE UNLOGGED TABLE p (id int PRIMARY KEY); CREATE UNLOGGED TABLE c (p_id int REFERENCES p)",
                "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (p_id int REFERENCES p)");
    }

    @Test
    void partitionWithAPrimaryKeyBecomesAStandaloneTable() {
        bothWays("CREATE TABLE m (id int, k int, PRIMARY KEY (id, k)) PARTITION BY RANGE (k)",
                "CREATE TABLE m1 PARTITION OF m FOR VALUES FROM (0) TO (10)",
                "CREATE TABLE m1 (id int NOT NULL, k int NOT NULL, CONSTRAINT m1_pkey PRIMARY KEY (id, k))");
    }

    @Test
    void listAndHashPartitionBoundsAreReCut() {
        bothWays("CREATE TABLE l (id int, region text) PARTITION BY LIST (region);"
                + " CREATE TABLE h (id int) PARTITION BY HASH (id)", """
                CREATE TABLE l_eu PARTITION OF l FOR VALUES IN ('de', 'fr');
                CREATE TABLE l_other PARTITION OF l DEFAULT;
                CREATE TABLE h0 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 0);
                CREATE TABLE h1 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 1)""", """
                CREATE TABLE l_eu PARTITION OF l FOR VALUES IN ('de', 'fr', 'it');
                CREATE TABLE l_us PARTITION OF l FOR VALUES IN ('us');
                CREATE TABLE h0 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 0);
                CREATE TABLE h1 PARTITION OF h FOR VALUES WITH (MODULUS 4, REMAINDER 1);
                CREATE TABLE h3 PARTITION OF h FOR VALUES WITH (MODULUS 4, REMAINDER 3)""");
    }

    @Test
    void partitionWithItsOwnIndexAndCheckIsDroppedWhileANeighbourWidens() {
        bothWays("CREATE TABLE m (id int, k int) PARTITION BY RANGE (k)", """
                CREATE TABLE m1 PARTITION OF m FOR VALUES FROM (0) TO (10);
                CREATE TABLE m2 PARTITION OF m FOR VALUES FROM (10) TO (20);
                CREATE INDEX m1_id ON m1 (id); ALTER TABLE m1 ADD CONSTRAINT m1_id_pos CHECK (id > 0)""", """
                CREATE TABLE m1 PARTITION OF m FOR VALUES FROM (0) TO (20)""");
    }

    @Test
    void partitionKeyColumnRetypeIsBlockedWithTheManualStepsAndTheRestStillRuns() {
        String partitions = "; CREATE TABLE m1 PARTITION OF m FOR VALUES FROM (0) TO (100); INSERT INTO m VALUES (1, 5)";
        String a = "CREATE TABLE m (id int, k int) PARTITION BY RANGE (k)" + partitions + "; CREATE TABLE t (x int)";
        String b = "CREATE TABLE m (id int, k bigint) PARTITION BY RANGE (k)" + partitions
                + "; CREATE TABLE t (x int, y text)";
        SchemaPair pair = SchemaPair.of("", a, b);
        Plan plan = Planner.plan(pair.diff, pair.from, pair.to);

        Hazard blocked = plan.hazards().stream().filter(h -> h.kind() == Hazard.Kind.BLOCKING).findFirst()
                .orElseThrow(() -> new AssertionError("expected a BLOCKING hazard:\n" + plan.sql()));
        assertEquals("public.m.k", blocked.object());
        assertTrue(blocked.reason().contains("partition key") && blocked.reason().contains("INSERT INTO"),
                blocked.reason());
        assertFalse(plan.sql().contains("TYPE bigint") || plan.sql().contains("DETACH"), plan.sql());
        try (TestDatabase db = EmbeddedPg.createDatabase("blk")) {
            db.exec(a);
            PlanRoundTrip.apply(db, plan);
            assertEquals(List.of("ColumnTypeChanged", "TableChanged", "ColumnTypeChanged"),
                    SchemaDiff.between(db.snapshot(), pair.to).changes().stream().map(c -> c.kind()).toList(),
                    "only the blocked retype is left");
        }
    }

    @Test
    void childKeepsNotNullWhenItsParentDropsIt() {
        bothWays("", "CREATE TABLE p (x int NOT NULL); CREATE TABLE c (y int) INHERITS (p)",
                "CREATE TABLE p (x int); CREATE TABLE c (y int) INHERITS (p); ALTER TABLE c ALTER COLUMN x SET NOT NULL");
    }

    @Test
    void childKeepsItsOwnDefaultWhenItsParentsDefaultChanges() {
        bothWays("", "CREATE TABLE p (x int DEFAULT 1, y int DEFAULT 1); CREATE TABLE c () INHERITS (p)",
                "CREATE TABLE p (x int DEFAULT 2, y bigint); CREATE TABLE c () INHERITS (p);"
                        + " ALTER TABLE c ALTER COLUMN x SET DEFAULT 1; ALTER TABLE c ALTER COLUMN y SET DEFAULT 1");
    }

    @Test
    void childThatStopsInheritingKeepsTheColumnItsParentDrops() {
        PlanRoundTrip.oneWay("", "CREATE TABLE p (a int, extra text); CREATE TABLE c (x int) INHERITS (p);"
                        + " INSERT INTO c VALUES (1, 'kept', 2)",
                "CREATE TABLE p (a int); CREATE TABLE c (a int, extra text, x int)",
                (db, plan) -> { }, db -> assertEquals("kept", db.queryString("SELECT extra FROM c")));
    }

    @Test
    void partitionDetachedToStandaloneDropsTheCheckItKeptFromItsParent() {
        bothWays("CREATE TABLE m (id int, k int, CONSTRAINT m_k_check CHECK (k >= 0)) PARTITION BY RANGE (k)",
                "CREATE TABLE m1 PARTITION OF m FOR VALUES FROM (0) TO (10)",
                "CREATE TABLE m1 (id int, k int)");
    }
}
