package io.schemabot.plan;

import io.schemabot.diff.SchemaDiff;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.PlanRoundTrip;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, point 5: which partition index backs a parent index is part of the schema, and the plan attaches the
 * partitions' existing indexes (and keys) instead of dropping them and letting PostgreSQL build clones.
 */
class PartitionIndexTest {
    private static final String TABLES = """
            CREATE TABLE p (k int, v int) PARTITION BY RANGE (k);
            CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);
            CREATE TABLE p2 PARTITION OF p FOR VALUES FROM (10) TO (20);
            """;

    /** The OID of an index: the same after the plan when the plan attached it instead of building a clone. */
    private static String oid(TestDatabase db, String index) {
        return db.queryString("SELECT '" + index + "'::regclass::oid::text");
    }

    @Test
    void aParentIndex_isCreatedOnlyOnTheParent_andAttachesThePartitionsOwnIndexes() {
        String[] before = new String[2];
        Plan plan = PlanRoundTrip.oneWay(TABLES + "CREATE INDEX p1_k_idx ON p1 (k); CREATE INDEX p2_k_idx ON p2 (k);", "", """
                CREATE INDEX p_k_idx ON ONLY p (k);
                ALTER INDEX p_k_idx ATTACH PARTITION p1_k_idx;
                ALTER INDEX p_k_idx ATTACH PARTITION p2_k_idx;
                """, (db, p) -> {
                    before[0] = oid(db, "p1_k_idx");
                    before[1] = oid(db, "p2_k_idx");
                }, db -> {
                    assertEquals(before[0], oid(db, "p1_k_idx"));
                    assertEquals(before[1], oid(db, "p2_k_idx"));
                    assertEquals("true", db.queryString("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'p_k_idx'::regclass"));
                });
        assertTrue(plan.sql().contains("CREATE INDEX p_k_idx ON ONLY public.p"), plan.sql());
        assertTrue(plan.sql().contains("ALTER INDEX public.p_k_idx ATTACH PARTITION public.p1_k_idx;"), plan.sql());
        assertFalse(plan.sql().contains("DROP INDEX public.p1_k_idx"), plan.sql());
    }

    @Test
    void aPartitionIndexNamedByHand_isModelled_andTheDiffSeesWhichOneIsAttached() {
        String a = "CREATE INDEX p_k_idx ON p (k); CREATE INDEX p1_by_k ON p1 (k);"; // a clone backs p1, p1_by_k stands alone
        String b = "CREATE INDEX p1_by_k ON p1 (k); CREATE INDEX p_k_idx ON p (k);"; // p1_by_k backs p1
        try (TestDatabase da = EmbeddedPg.createDatabase("pidx_a"); TestDatabase db = EmbeddedPg.createDatabase("pidx_b")) {
            da.exec(TABLES + a);
            db.exec(TABLES + b);
            assertEquals("public.p_k_idx", db.snapshot().indexes().stream().filter(i -> i.name().equals("p1_by_k"))
                    .findFirst().orElseThrow().attachedTo());
            assertFalse(SchemaDiff.between(da.snapshot(), db.snapshot()).isEmpty());
        }
        PlanRoundTrip.bothWays(TABLES, a, b);
    }

    @Test
    void aPartitionIndexNamedByHand_isCreatedAndAttached() {
        Plan plan = PlanRoundTrip.oneWay(TABLES, "", """
                CREATE INDEX p_k_idx ON ONLY p (k);
                CREATE INDEX p1_by_k ON p1 (k);
                ALTER INDEX p_k_idx ATTACH PARTITION p1_by_k;
                CREATE INDEX p2_k_idx ON p2 (k);
                ALTER INDEX p_k_idx ATTACH PARTITION p2_k_idx;
                """);
        assertTrue(plan.sql().contains("ATTACH PARTITION public.p1_by_k"), plan.sql());
    }

    @Test
    void aParentIndexWithAPartitionIndexNamedByHand_takesItAlongOrIsBuiltWithIt() {
        PlanRoundTrip.bothWays(TABLES, "CREATE INDEX p1_by_k ON p1 (k); CREATE INDEX p_k_idx ON p (k);", "");
    }

    @Test
    void anInvalidParentIndex_becomesValidByAttachingTheMissingPartitionIndex() {
        String common = TABLES + "CREATE INDEX p_k_idx ON ONLY p (k); CREATE INDEX p1_k_idx ON p1 (k);"
                + " ALTER INDEX p_k_idx ATTACH PARTITION p1_k_idx; CREATE INDEX p2_k_idx ON p2 (k);";
        String[] before = new String[1];
        Plan plan = PlanRoundTrip.oneWay(common, "", "ALTER INDEX p_k_idx ATTACH PARTITION p2_k_idx;",
                (db, p) -> before[0] = oid(db, "p1_k_idx"), db -> assertEquals(before[0], oid(db, "p1_k_idx")));
        assertTrue(plan.sql().contains("ALTER INDEX public.p_k_idx ATTACH PARTITION public.p2_k_idx;"), plan.sql());
        assertFalse(plan.sql().contains("DROP INDEX"), plan.sql());
    }

    @Test
    void aParentIndexLeftInvalid_isMadeSo_withOnlyThePartitionsTheTargetAttaches() {
        PlanRoundTrip.bothWays(TABLES, "CREATE INDEX p_k_idx ON p (k);", "CREATE INDEX p_k_idx ON ONLY p (k);"
                + " CREATE INDEX p1_k_idx ON p1 (k); ALTER INDEX p_k_idx ATTACH PARTITION p1_k_idx;");
    }

    @Test
    void aPartitionsOwnKey_isAttachedToTheParentsNewKey() {
        String[] before = new String[1];
        Plan plan = PlanRoundTrip.oneWay(TABLES + """
                CREATE UNIQUE INDEX p1_pk_idx ON p1 (k);
                ALTER TABLE p1 ADD CONSTRAINT p1_pkey PRIMARY KEY USING INDEX p1_pk_idx;
                ALTER TABLE p2 ADD CONSTRAINT p2_pkey PRIMARY KEY (k);
                """, "", "ALTER TABLE ONLY p ADD CONSTRAINT p_pkey PRIMARY KEY (k);"
                + " ALTER INDEX p_pkey ATTACH PARTITION p1_pkey; ALTER INDEX p_pkey ATTACH PARTITION p2_pkey;",
                (db, p) -> before[0] = oid(db, "p1_pkey"), db -> assertEquals(before[0], oid(db, "p1_pkey")));
        assertTrue(plan.sql().contains("ALTER INDEX public.p_pkey ATTACH PARTITION public.p1_pkey;"), plan.sql());
    }

    @Test
    void aParentIndexBackingThePartitionsKeys_isDropped_andTheKeysStay() {
        PlanRoundTrip.oneWay(TABLES + "ALTER TABLE p1 ADD CONSTRAINT p1_k_key UNIQUE (k);"
                + " ALTER TABLE p2 ADD CONSTRAINT p2_k_key UNIQUE (k);", """
                CREATE UNIQUE INDEX p_k_idx ON ONLY p (k);
                ALTER INDEX p_k_idx ATTACH PARTITION p1_k_key;
                ALTER INDEX p_k_idx ATTACH PARTITION p2_k_key;
                """, "");
    }
}
