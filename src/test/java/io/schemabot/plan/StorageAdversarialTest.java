package io.schemabot.plan;

import io.schemabot.diff.TableChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.SchemaDiff;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.schemabot.testing.PlanRoundTrip.bothWays;
import static io.schemabot.testing.PlanRoundTrip.oneWay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How tables and materialized views are stored (storage parameters, access method, tablespace, per-column
 * statistics, storage, compression and n_distinct) is seen by the diff, planned in place, and kept by plans that
 * rebuild a materialized view. The catalog is read after the plan as well, since a setting the snapshot did not
 * read would pass the round trip unseen.
 */
class StorageAdversarialTest {
    /** A second tablespace, shared by the cluster: CREATE TABLESPACE cannot run in a plan's transaction. */
    private static final String SPACE = "schemabot_storage_ts";
    /** A second table access method: core PostgreSQL ships only heap, so this one reuses heap's handler. */
    private static final String HEAP2 = "CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;\n";

    @BeforeAll
    static void createTablespace() throws Exception {
        try (TestDatabase db = EmbeddedPg.createDatabase("ts_setup")) {
            if (db.queryLong("SELECT count(*) FROM pg_tablespace WHERE spcname = '" + SPACE + "'") == 0) {
                Path dir = Files.createTempDirectory("schemabot-ts");
                db.exec("CREATE TABLESPACE " + SPACE + " LOCATION '" + dir.toAbsolutePath() + "'");
            }
        }
    }

    private static String reloptions(TestDatabase db, String relation) {
        return db.queryString("SELECT coalesce(array_to_string(ARRAY(SELECT o FROM unnest(reloptions) o ORDER BY o),"
                + " ', '), '') FROM pg_class WHERE oid = " + io.schemabot.sql.Sql.literal(relation) + "::regclass");
    }

    private static String tablespaceOf(TestDatabase db, String relation) {
        return db.queryString("SELECT coalesce(t.spcname, '') FROM pg_class c LEFT JOIN pg_tablespace t"
                + " ON t.oid = c.reltablespace WHERE c.oid = " + io.schemabot.sql.Sql.literal(relation) + "::regclass");
    }

    private static String columnSettings(TestDatabase db, String relation, String column) {
        return db.queryString("SELECT concat_ws(' ', coalesce(attstattarget, -1), attstorage, nullif(attcompression, ''),"
                + " array_to_string(attoptions, ',')) FROM pg_attribute WHERE attrelid = "
                + io.schemabot.sql.Sql.literal(relation) + "::regclass AND attname = " + io.schemabot.sql.Sql.literal(column));
    }

    @Test
    void tableStorageParametersAreSetAndResetInPlaceWithTheirToastTablesOwn() {
        String common = "CREATE SCHEMA \"Billing\";\n";
        String a = """
                CREATE TABLE "Billing"."Invoice Lines" (id bigint PRIMARY KEY, memo text)
                    WITH (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.01, toast.autovacuum_enabled = off);
                INSERT INTO "Billing"."Invoice Lines" SELECT g, repeat('x', g) FROM generate_series(1, 50) g;
                CREATE TABLE "Billing".audit (at timestamptz) WITH (parallel_workers = 4)""";
        String b = """
                CREATE TABLE "Billing"."Invoice Lines" (id bigint PRIMARY KEY, memo text)
                    WITH (fillfactor = 90, autovacuum_enabled = false, toast.autovacuum_vacuum_threshold = 500);
                INSERT INTO "Billing"."Invoice Lines" SELECT g, repeat('x', g) FROM generate_series(1, 50) g;
                CREATE TABLE "Billing".audit (at timestamptz)""";
        bothWays(common, a, b);
        Plan plan = oneWay(common, a, b, (db, p) -> {
            assertEquals("autovacuum_enabled=false, fillfactor=90", reloptions(db, "\"Billing\".\"Invoice Lines\""));
            assertEquals("autovacuum_vacuum_threshold=500", db.queryString("SELECT array_to_string(t.reloptions, ', ')"
                    + " FROM pg_class c JOIN pg_class t ON t.oid = c.reltoastrelid"
                    + " WHERE c.oid = '\"Billing\".\"Invoice Lines\"'::regclass"));
            assertEquals("", reloptions(db, "\"Billing\".audit"));
            assertEquals(50, db.queryLong("SELECT count(*) FROM \"Billing\".\"Invoice Lines\""));
        });
        assertFalse(plan.sql().contains("DROP "), plan.sql());
        assertTrue(plan.sql().contains("RESET (autovacuum_vacuum_scale_factor, toast.autovacuum_enabled)"), plan.sql());
    }

    @Test
    void aNewTableAndANewPartitionGetTheirStorageParameters() {
        String common = "CREATE TABLE events (id bigint, at date NOT NULL) PARTITION BY RANGE (at);\n"
                + "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"
                + " WITH (fillfactor = 60);\n";
        oneWay(common, "", """
                CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')
                    WITH (fillfactor = 80, autovacuum_analyze_threshold = 10);
                CREATE TABLE notes (body text) WITH (toast_tuple_target = 256, toast.vacuum_truncate = false)""",
                (db, p) -> {
                    assertEquals("autovacuum_analyze_threshold=10, fillfactor=80", reloptions(db, "events_2025"));
                    assertEquals("fillfactor=60", reloptions(db, "events_2024"));
                    assertEquals("toast_tuple_target=256", reloptions(db, "notes"));
                });
    }

    @Test
    void columnSettingsAreSeenAndPlannedOnTablesAndInheritanceChildrenAlone() {
        String common = "CREATE TABLE parent (id int, body text, score numeric);\n"
                + "CREATE TABLE child () INHERITS (parent);\n"
                + "INSERT INTO child VALUES (1, 'one', 1.5);\n";
        String a = "";
        String b = """
                ALTER TABLE ONLY parent ALTER COLUMN id SET STATISTICS 1000, ALTER COLUMN body SET STORAGE EXTERNAL,
                    ALTER COLUMN body SET COMPRESSION pglz, ALTER COLUMN score SET (n_distinct = -0.5);
                ALTER TABLE ONLY child ALTER COLUMN score SET (n_distinct_inherited = 100)""";
        bothWays(common, a, b);
        oneWay(common, a, b, (db, p) -> {
            assertEquals("1000 p", columnSettings(db, "parent", "id"));
            assertEquals("-1 e p", columnSettings(db, "parent", "body"));
            assertEquals("-1 m n_distinct=-0.5", columnSettings(db, "parent", "score"));
            assertEquals("-1 x", columnSettings(db, "child", "body"), "the parent's settings stay its own");
            assertEquals("-1 m n_distinct_inherited=100", columnSettings(db, "child", "score"));
        });
    }

    @Test
    void aRetypedColumnKeepsItsStatisticsTargetStorageAndNDistinct() {
        String settings = """
                ALTER TABLE orders ALTER COLUMN customer_id SET STATISTICS 2000,
                    ALTER COLUMN customer_id SET (n_distinct = 5000), ALTER COLUMN note SET STORAGE MAIN;
                INSERT INTO orders VALUES (1, 7, 'first');""";
        oneWay("", "CREATE TABLE orders (id int PRIMARY KEY, customer_id int, note varchar(20));\n" + settings,
                "CREATE TABLE orders (id int PRIMARY KEY, customer_id bigint, note text);\n" + settings,
                (db, p) -> {
                    assertEquals("2000 p n_distinct=5000", columnSettings(db, "orders", "customer_id"));
                    assertEquals("-1 m", columnSettings(db, "orders", "note"));
                });
    }

    @Test
    void aRebuiltMaterializedViewKeepsTablespaceAccessMethodParametersAndColumnSettings() {
        String view = """
                ;
                CREATE MATERIALIZED VIEW "Sales Totals" (customer, total) USING heap2 WITH (fillfactor = 50)
                    TABLESPACE %s AS SELECT customer, sum(amount) FROM sales GROUP BY customer;
                ALTER MATERIALIZED VIEW "Sales Totals" ALTER COLUMN customer SET STATISTICS 300,
                    ALTER COLUMN total SET (n_distinct = -1);
                CREATE UNIQUE INDEX totals_customer ON "Sales Totals" (customer) TABLESPACE %s""".formatted(SPACE, SPACE);
        String rows = "INSERT INTO sales VALUES (1, 10), (1, 5), (2, 7)";
        Plan plan = oneWay(HEAP2, "CREATE TABLE sales (customer int, amount int);" + rows + view,
                "CREATE TABLE sales (customer bigint, amount int);" + rows + view, (db, p) -> {
                    assertEquals(SPACE + " heap2 fillfactor=50", db.queryString("SELECT concat_ws(' ', t.spcname,"
                            + " am.amname, array_to_string(c.reloptions, ',')) FROM pg_class c"
                            + " JOIN pg_am am ON am.oid = c.relam JOIN pg_tablespace t ON t.oid = c.reltablespace"
                            + " WHERE c.oid = '\"Sales Totals\"'::regclass"));
                    assertEquals("300 p", columnSettings(db, "\"Sales Totals\"", "customer"));
                    assertEquals("-1 p n_distinct=-1", columnSettings(db, "\"Sales Totals\"", "total"));
                    assertEquals(15, db.queryLong("SELECT total FROM \"Sales Totals\" WHERE customer = 1"));
                    assertEquals(SPACE, tablespaceOf(db, "totals_customer"));
                });
        assertTrue(plan.sql().contains("DROP MATERIALIZED VIEW public.\"Sales Totals\";"),
                "the test must really rebuild the view:\n" + plan.sql());
    }

    @Test
    void materializedViewStorageDifferencesArePlannedWithoutARebuild() {
        String common = HEAP2 + "CREATE TABLE sales (customer int, amount int);"
                + "INSERT INTO sales VALUES (1, 10), (2, 7);\n";
        String a = "CREATE MATERIALIZED VIEW totals AS SELECT customer, sum(amount) AS total FROM sales GROUP BY 1";
        String b = """
                CREATE MATERIALIZED VIEW totals USING heap2 TABLESPACE %s AS
                    SELECT customer, sum(amount) AS total FROM sales GROUP BY 1;
                ALTER MATERIALIZED VIEW totals ALTER COLUMN total SET STATISTICS 50""".formatted(SPACE);
        bothWays(common, a, b);
        Plan plan = oneWay(common, a, b);
        assertFalse(plan.sql().contains("DROP "), plan.sql());
    }

    @Test
    void tableAccessMethodMovesTheTableWithItsRows() {
        String common = HEAP2;
        String a = "CREATE TABLE ledger (id int PRIMARY KEY, amount numeric);"
                + "INSERT INTO ledger SELECT g, g FROM generate_series(1, 100) g";
        String b = "CREATE TABLE ledger (id int PRIMARY KEY, amount numeric) USING heap2;"
                + "INSERT INTO ledger SELECT g, g FROM generate_series(1, 100) g";
        bothWays(common, a, b);
        Plan plan = oneWay(common, a, b, (db, p) -> assertEquals(5050,
                db.queryLong("SELECT sum(amount) FROM ledger")));
        assertTrue(plan.hazards().stream().anyMatch(h -> h.kind() == Hazard.Kind.TABLE_REWRITE), plan.hazards().toString());
    }

    @Test
    void tablespacesAreTheClustersPlacementNotADifference() {
        try (TestDatabase a = EmbeddedPg.createDatabase("ts_a"); TestDatabase b = EmbeddedPg.createDatabase("ts_b")) {
            String placed = " TABLESPACE " + SPACE;
            a.exec("CREATE TABLE t (x int)" + placed + "; CREATE INDEX t_x ON t (x)" + placed
                    + "; CREATE MATERIALIZED VIEW m" + placed + " AS SELECT x FROM t");
            b.exec("CREATE TABLE t (x int); CREATE INDEX t_x ON t (x); CREATE MATERIALIZED VIEW m AS SELECT x FROM t");
            assertEquals(List.of(), SchemaDiff.between(a.snapshot(), b.snapshot()).changes());
            assertEquals(a.snapshot().fingerprint(), b.snapshot().fingerprint());
        }
    }

    @Test
    void storageDifferencesAreChangesOfTheirOwn() {
        try (TestDatabase a = EmbeddedPg.createDatabase("st_a"); TestDatabase b = EmbeddedPg.createDatabase("st_b")) {
            a.exec("CREATE TABLE t (x int, y text) WITH (fillfactor = 70)");
            b.exec("CREATE TABLE t (x int, y text); ALTER TABLE t ALTER COLUMN y SET STORAGE EXTERNAL");
            var changes = SchemaDiff.between(a.snapshot(), b.snapshot()).changes();
            assertEquals(2, changes.size(), changes.toString());
            assertTrue(changes.stream().anyMatch(c -> c.describe().equals(
                    "public.t storage parameters: fillfactor=70 -> default")), changes.toString());
            assertTrue(changes.stream().anyMatch(c -> c.describe().equals(
                    "column y settings: default -> storage=EXTERNAL")), changes.toString());
        }
    }

    @Test
    void aMaterializedViewRebuiltWithoutAColumnThatHadSettingsIsCreatedAfresh() {
        String common = "CREATE TABLE sales (customer int, region text, amount int);"
                + "INSERT INTO sales VALUES (1, 'north', 10);\n";
        oneWay(common, """
                CREATE MATERIALIZED VIEW totals AS SELECT customer, region, sum(amount) AS total FROM sales GROUP BY 1, 2;
                ALTER MATERIALIZED VIEW totals ALTER COLUMN region SET STATISTICS 10""", """
                CREATE MATERIALIZED VIEW totals AS SELECT customer, sum(amount) AS total FROM sales GROUP BY 1;
                ALTER MATERIALIZED VIEW totals ALTER COLUMN total SET STATISTICS 20""",
                (db, p) -> assertEquals("20 p", columnSettings(db, "totals", "total")));
    }

    @Test
    void partitionedParentsAndTheirPartitionsEachKeepTheirOwnColumnSettings() {
        String common = "CREATE TABLE logs (id bigint, body text, level int) PARTITION BY LIST (level);\n";
        String a = "CREATE TABLE logs_info PARTITION OF logs FOR VALUES IN (1);"
                + "INSERT INTO logs VALUES (1, 'hello', 1)";
        String b = """
                ALTER TABLE logs ALTER COLUMN body SET STORAGE EXTERNAL, ALTER COLUMN level SET STATISTICS 5,
                    ALTER COLUMN id SET (n_distinct_inherited = -1);
                CREATE TABLE logs_info PARTITION OF logs FOR VALUES IN (1);
                CREATE TABLE logs_warn PARTITION OF logs FOR VALUES IN (2);
                ALTER TABLE ONLY logs_info ALTER COLUMN body SET STORAGE MAIN;
                INSERT INTO logs VALUES (1, 'hello', 1)""";
        bothWays(common, a, b);
        oneWay(common, a, b, (db, p) -> {
            assertEquals("-1 e", columnSettings(db, "logs", "body"));
            assertEquals("-1 m", columnSettings(db, "logs_info", "body"));
            assertEquals("-1 e", columnSettings(db, "logs_warn", "body"), "a new partition takes its parent's storage");
            assertEquals("5 p", columnSettings(db, "logs", "level"));
        });
    }

    @Test
    void aChildThatStopsInheritingDropsTheChecksItKeptFromItsParentAndGrandparent() {
        String common = "CREATE TABLE root (id int CONSTRAINT has_id CHECK (id IS NOT NULL));\n"
                + "CREATE TABLE base (amount int CONSTRAINT positive CHECK (amount > 0)) INHERITS (root);\n";
        oneWay(common, "CREATE TABLE extra (note text) INHERITS (base); INSERT INTO extra VALUES (1, 5, 'x')",
                "CREATE TABLE extra (id int, amount int, note text CONSTRAINT noted CHECK (note <> ''));"
                        + "INSERT INTO extra VALUES (1, 5, 'x')",
                (db, p) -> assertEquals(1, db.queryLong("SELECT count(*) FROM pg_constraint"
                        + " WHERE conrelid = 'extra'::regclass")));
    }

    @Test
    void inheritingFromAParentWithChecksTheChildLacksIsBlockedWithTheManualSteps() {
        String common = "CREATE TABLE base (id int, amount int CONSTRAINT positive CHECK (amount > 0));\n";
        try (TestDatabase a = EmbeddedPg.createDatabase("inh_a"); TestDatabase b = EmbeddedPg.createDatabase("inh_b")) {
            a.exec(common + "CREATE TABLE extra (id int, amount int, note text)");
            b.exec(common + "CREATE TABLE extra (note text) INHERITS (base)");
            var diff = SchemaDiff.between(a.snapshot(), b.snapshot());
            Plan plan = Planner.plan(diff, a.snapshot(), b.snapshot());
            assertTrue(plan.hazards().stream().anyMatch(h -> h.kind() == Hazard.Kind.BLOCKING
                    && h.reason().contains("positive CHECK (amount > 0)")), plan.hazards().toString());
            assertFalse(plan.sql().contains("\n    INHERIT public.base"), plan.sql());
        }
    }

    @Test
    void aDetachedPartitionDropsTheIndexItKeptFromItsParent() {
        String common = "CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);\n"
                + "CREATE INDEX m_at ON m (at);\n";
        bothWays(common, "CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');"
                        + "INSERT INTO m VALUES (1, '2024-05-01')",
                "CREATE TABLE m_2024 (id int, at date); INSERT INTO m_2024 VALUES (1, '2024-05-01')");
    }

    @Test
    void aStepThatOnlyNamesTheTableDoesNotAnswerForAColumnsSettings() {
        Change settings = new TableChange.ColumnSettingsChanged("public.t", "x", null, "statistics=500");
        List<Step> steps = new ArrayList<>(List.of(new Step("alter table public.t",
                "ALTER TABLE public.t ADD COLUMN y int;", List.of("public.t", "public.t.y"), List.of())));

        Unplanned.block(steps, List.of(settings), Set.of());
        assertEquals(List.of("public.t.x"), steps.get(1).objects(), "blocked by name");

        List<Step> rebuilt = new ArrayList<>(List.of(new Step("create materialized view public.t",
                "CREATE MATERIALIZED VIEW public.t AS SELECT 1 AS x;", List.of("public.t"), List.of())));
        Unplanned.block(rebuilt, List.of(settings), Set.of("public.t"));
        assertEquals(1, rebuilt.size(), "a created relation comes with its column settings");
    }

    @Test
    void anIndexRebuiltAroundARetypedColumnStaysInItsTablespace() {
        String index = ";CREATE INDEX accounts_balance ON accounts (balance) TABLESPACE " + SPACE + " WHERE active";
        oneWay("", "CREATE TABLE accounts (id int, active boolean, balance int)" + index,
                "CREATE TABLE accounts (id int, active boolean, balance numeric)" + index,
                (db, p) -> assertEquals(SPACE, tablespaceOf(db, "accounts_balance")));
    }

    @Test
    void aRebuiltMaterializedViewStaysInProductionsTablespaceWhenTheTargetHasNone() {
        String view = ";CREATE MATERIALIZED VIEW totals%s AS SELECT customer, sum(amount) AS total FROM sales GROUP BY 1";
        oneWay("", "CREATE TABLE sales (customer int, amount int)" + view.formatted(" TABLESPACE " + SPACE),
                "CREATE TABLE sales (customer bigint, amount int)" + view.formatted(""),
                (db, p) -> assertEquals(SPACE, tablespaceOf(db, "totals"), p.sql()));
    }

    @Test
    void aShadowCloneLeavesIndexesInTheDefaultTablespace() {
        io.schemabot.schema.Index partial = new io.schemabot.schema.Index("public.t", "public", "t_a", false, "btree",
                "CREATE INDEX t_a ON public.t USING btree (a) TABLESPACE \"Fast SSD\" WHERE active", null, false);
        assertEquals("CREATE INDEX t_a ON public.t USING btree (a) WHERE active",
                partial.inDefaultTablespace().definition());
        io.schemabot.schema.Index whole = new io.schemabot.schema.Index("public.t", "public", "t_b", false, "btree",
                "CREATE INDEX t_b ON public.t USING btree (b) TABLESPACE fast", null, false);
        assertEquals("CREATE INDEX t_b ON public.t USING btree (b)", whole.inDefaultTablespace().definition());
    }
}
