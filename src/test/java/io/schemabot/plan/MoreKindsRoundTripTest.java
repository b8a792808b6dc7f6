package io.schemabot.plan;

import io.schemabot.diff.ObjectChange;
import io.schemabot.diff.Change;
import io.schemabot.schema.Access;
import io.schemabot.schema.Function;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.SnapshotJson;
import io.schemabot.sql.Sql;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.SchemaPair;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.schemabot.testing.PlanRoundTrip.bothWays;
import static io.schemabot.testing.PlanRoundTrip.oneWay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Schema state the diff once passed over in silence: whether a materialized view holds rows, privileges on
 * routines, comments on extensions, composite types, aggregates and event triggers. Each is noticed, and the plan
 * makes one side like the other.
 */
class MoreKindsRoundTripTest {
    private static final String ROWS = "CREATE TABLE t (a int); INSERT INTO t VALUES (1), (2)";

    private static boolean hasHazard(Plan plan, Hazard.Kind kind, String object, String words) {
        return plan.hazards().stream().anyMatch(h -> h.kind() == kind && h.object().equals(object)
                && h.reason().contains(words));
    }

    // ---- materialized views: filled or not ----------------------------------------------------------------

    @Test
    void materializedViewLeftWithNoDataWhereRowsAreExpectedIsDriftButNotTheOtherWayRound() {
        SchemaPair pair = SchemaPair.of(ROWS, "CREATE MATERIALIZED VIEW m AS SELECT a FROM t WITH NO DATA",
                "CREATE MATERIALIZED VIEW m AS SELECT a FROM t");
        assertEquals(List.of(new ObjectChange.MaterializedViewNotPopulated("public.m")), pair.diff.changes());
        SchemaPair reverse = SchemaPair.of(ROWS, "CREATE MATERIALIZED VIEW m AS SELECT a FROM t",
                "CREATE MATERIALIZED VIEW m AS SELECT a FROM t WITH NO DATA");
        assertEquals(List.of(), reverse.diff.changes(), "a migration's WITH NO DATA is filled by the application");
        // a REFRESH between planning and executing must not make the approved plan stale
        assertEquals(pair.from.fingerprint(), pair.to.fingerprint());
    }

    @Test
    void unfilledMaterializedViewIsRefreshedAndTheHazardSaysTheQueryRunsUnderItsLock() {
        Plan plan = oneWay(ROWS, "CREATE MATERIALIZED VIEW m AS SELECT a FROM t WITH NO DATA",
                "CREATE MATERIALIZED VIEW m AS SELECT a FROM t",
                (db, p) -> assertEquals(2, db.queryLong("SELECT count(*) FROM m"), p.sql()));
        assertEquals("REFRESH MATERIALIZED VIEW public.m;", plan.sql().strip().lines()
                .filter(l -> l.startsWith("REFRESH")).findFirst().orElse(plan.sql()));
        assertTrue(hasHazard(plan, Hazard.Kind.ACCESS_EXCLUSIVE_LOCK, "public.m", "runs the view's query"),
                plan.hazards().toString());
    }

    @Test
    void filledMaterializedViewIsNeverEmptiedEvenWhenRebuiltForATargetCreatedWithNoData() {
        Plan plan = oneWay(ROWS, "CREATE MATERIALIZED VIEW m AS SELECT a FROM t",
                "CREATE MATERIALIZED VIEW m AS SELECT a, 1 AS one FROM t WITH NO DATA",
                (db, p) -> assertEquals(2, db.queryLong("SELECT count(*) FROM m"), p.sql()));
        // created empty only to be filled by REFRESH, as its owner, in the same transaction
        assertTrue(!plan.sql().contains("WITH NO DATA") || plan.sql().contains("REFRESH MATERIALIZED VIEW public.m;"),
                plan.sql());
    }

    @Test
    void rebuiltMaterializedViewHoldsRowsExactlyWhenTheTargetsDoes() {
        bothWays("", "CREATE TABLE t (a int); CREATE MATERIALIZED VIEW m AS SELECT a FROM t WITH NO DATA",
                "CREATE TABLE t (a bigint); CREATE MATERIALIZED VIEW m AS SELECT a FROM t");
        bothWays("", "CREATE TABLE t (a int); CREATE MATERIALIZED VIEW m AS SELECT a FROM t WITH NO DATA",
                "CREATE TABLE t (a int); CREATE MATERIALIZED VIEW m AS SELECT a, 1 AS one FROM t");
    }

    // ---- privileges on routines ---------------------------------------------------------------------------

    /** Roles are the cluster's, shared by every test database. */
    private static void createRole(String name) {
        EmbeddedPg.execAsSuperuser("postgres", "DO $$ BEGIN CREATE ROLE " + Sql.ident(name)
                + "; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    }

    @Test
    void routineThatPublicMayNoLongerRunDiffersAndChangesTheFingerprint() {
        SchemaPair pair = SchemaPair.of("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'", "",
                "REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC");
        assertEquals(List.of(new ObjectChange.PrivilegeExtra("ROUTINE", "public.f()", null, null, "PUBLIC", "EXECUTE",
                        "granted", "none")),
                pair.diff.changes());
        assertNotEquals(pair.from.fingerprint(), pair.to.fingerprint());
    }

    @Test
    void routineGrantsAndRevokesAreMadePerRole() {
        createRole("Routine Runner");
        String common = "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'; CREATE PROCEDURE p() LANGUAGE sql AS 'SELECT 1'";
        String a = "REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC; GRANT EXECUTE ON FUNCTION f() TO \"Routine Runner\" WITH GRANT OPTION";
        String b = "GRANT EXECUTE ON PROCEDURE p() TO \"Routine Runner\"";
        bothWays(common, a, b);
        Plan plan = oneWay(common, a, b);
        assertTrue(plan.sql().contains("REVOKE ALL ON ROUTINE public.f() FROM \"Routine Runner\";\n"
                + "GRANT EXECUTE ON ROUTINE public.f() TO PUBLIC;"), plan.sql());
        assertTrue(plan.sql().contains("GRANT EXECUTE ON ROUTINE public.p() TO \"Routine Runner\";"), plan.sql());
    }

    @Test
    void newRoutineGetsTheTargetsPrivileges() {
        createRole("routine_reader");
        bothWays("", "", "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS 'SELECT x';"
                + " REVOKE ALL ON FUNCTION f(int) FROM PUBLIC; GRANT EXECUTE ON FUNCTION f(int) TO routine_reader");
    }

    @Test
    void routineReplacedForItsResultTypeTakesTheTargetsPrivileges() {
        createRole("routine_reader");
        bothWays("", "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
                "CREATE FUNCTION f() RETURNS bigint LANGUAGE sql AS 'SELECT 1';"
                        + " REVOKE ALL ON FUNCTION f() FROM PUBLIC; GRANT EXECUTE ON FUNCTION f() TO routine_reader");
    }

    @Test
    void snapshotFilesWithDefaultRoutinePrivilegesKeepTheFingerprintTheyHadBeforeGrantsCounted() {
        Function f = new Function("public", "f", "", "", false, "integer",
                "CREATE OR REPLACE FUNCTION public.f()\n RETURNS integer\n LANGUAGE sql\nAS $function$SELECT 1$function$\n",
                null, new Access("postgres", List.of(), false, false));
        Snapshot untouched = new Snapshot("17.6", null, null, null, null, null, null, null, null, List.of(f), null, null, null, null, null, null, null, null, null, null, null);
        Snapshot unknown = new Snapshot("17.6", null, null, null, null, null, null, null, null,
                List.of(new Function("public", "f", "", "", false, "integer", f.definition(), null, null)), null, null, null, null, null, null, null, null, null, null, null);
        assertEquals(unknown.fingerprint(), untouched.fingerprint());
        assertEquals(untouched, SnapshotJson.parse(SnapshotJson.write(untouched), "again"));
    }

    // ---- comments on extensions ---------------------------------------------------------------------------

    @Test
    void extensionCommentIsDiffedAndSet() {
        SchemaPair pair = SchemaPair.of("CREATE EXTENSION citext", "", "COMMENT ON EXTENSION citext IS 'ours'");
        assertEquals(List.of("comment on extension citext: 'data type for case-insensitive character strings' -> 'ours'"),
                pair.diff.changes().stream().map(Change::describe).toList());
        bothWays("CREATE EXTENSION citext", "COMMENT ON EXTENSION citext IS NULL", "COMMENT ON EXTENSION citext IS 'ours'");
    }

    @Test
    void newExtensionGetsTheTargetsComment() {
        bothWays("", "", "CREATE EXTENSION citext; COMMENT ON EXTENSION citext IS 'it''s ours'");
    }

    // ---- composite types ----------------------------------------------------------------------------------

    @Test
    void compositeTypeIsDiffed() {
        SchemaPair pair = SchemaPair.of("", "", "CREATE TYPE pair AS (x int, y text COLLATE \"C\")");
        assertEquals(List.of(new ObjectChange.CompositeTypeAdded("public.pair", "(x integer, y text COLLATE \"C\")")),
                pair.diff.changes());
    }

    @Test
    void compositeTypesAreCreatedBeforeTheTablesAndRoutinesUsingThemAndDroppedAfter() {
        bothWays("", "", """
                CREATE TYPE pair AS (x int, y text COLLATE "C"); COMMENT ON TYPE pair IS 'two';
                COMMENT ON COLUMN pair.x IS 'the x';
                CREATE TYPE "Pair Box" AS (p pair, n int);
                CREATE TABLE t (p pair, ps pair[], b "Pair Box");
                CREATE FUNCTION f(p pair) RETURNS "Pair Box" LANGUAGE sql AS 'SELECT ROW(p, 1)::"Pair Box"'""");
    }

    @Test
    void compositeTypeAttributesAreAddedDroppedRetypedAndPutInOrder() {
        String f = "; CREATE FUNCTION f(p pair) RETURNS int LANGUAGE sql AS 'SELECT 1'";
        bothWays("", "CREATE TYPE pair AS (x int, y int, z int); COMMENT ON COLUMN pair.z IS 'z'" + f,
                "CREATE TYPE pair AS (x bigint, z int, w text); COMMENT ON COLUMN pair.z IS 'z'; COMMENT ON TYPE pair IS 'p'" + f);
        Plan plan = oneWay("", "CREATE TYPE pair AS (x int, y int)", "CREATE TYPE pair AS (y int, x int)");
        assertTrue(plan.sql().contains("ALTER TYPE public.pair\n    DROP ATTRIBUTE x,\n    DROP ATTRIBUTE y,\n"
                + "    ADD ATTRIBUTE y integer,\n    ADD ATTRIBUTE x integer;"), plan.sql());
        assertTrue(plan.hazards().isEmpty(), "no table stores the type: " + plan.hazards());
    }

    @Test
    void droppingAnAttributeATableStoresIsDataLoss() {
        Plan plan = oneWay("", "CREATE TYPE pair AS (x int, y int); CREATE TABLE t (p pair[])",
                "CREATE TYPE pair AS (x int); CREATE TABLE t (p pair[])");
        assertTrue(hasHazard(plan, Hazard.Kind.DATA_LOSS, "public.pair", "public.t.p"), plan.hazards().toString());
    }

    @Test
    void retypingAnAttributeATableStoresIsBlockedWithTheManualSteps() {
        SchemaPair pair = SchemaPair.of("", "CREATE TYPE pair AS (x int); CREATE TABLE t (p pair)",
                "CREATE TYPE pair AS (x bigint); CREATE TABLE t (p pair)");
        Plan plan = Planner.plan(pair.diff, pair.from, pair.to);
        assertTrue(plan.isBlocked(), plan.sql());
        assertTrue(plan.sql().contains("-- BLOCKED: attributes [x] of public.pair change type while public.t.p store"),
                plan.sql());
    }

    // ---- aggregates ---------------------------------------------------------------------------------------

    private static final String FINAL_FN = "CREATE FUNCTION fin(int) RETURNS numeric LANGUAGE sql AS 'SELECT $1::numeric'; ";

    @Test
    void aggregateIsDiffedWithTheCreateStatementItWasMadeBy() {
        SchemaPair pair = SchemaPair.of("", "", "CREATE AGGREGATE mysum(int) (SFUNC = int4pl, STYPE = int)");
        assertEquals(List.of(new ObjectChange.AggregateAdded("public.mysum(integer)",
                "CREATE AGGREGATE public.mysum(integer) (SFUNC = int4pl, STYPE = integer)")), pair.diff.changes());
    }

    @Test
    void aggregatesComeAfterTheirSupportFunctionsAndBeforeTheViewsUsingThem() {
        bothWays("CREATE TABLE t (a int)", "", FINAL_FN + """
                CREATE AGGREGATE mysum(int) (SFUNC = int4pl, STYPE = int, FINALFUNC = fin, INITCOND = '0', PARALLEL = SAFE);
                COMMENT ON AGGREGATE mysum(int) IS 'it''s a sum';
                CREATE AGGREGATE mymax(int) (SFUNC = int4larger, STYPE = int, SORTOP = >, COMBINEFUNC = int4larger);
                CREATE AGGREGATE pct(float8 ORDER BY anyelement) (SFUNC = ordered_set_transition, STYPE = internal,
                  FINALFUNC = percentile_disc_final, FINALFUNC_EXTRA);
                CREATE VIEW v AS SELECT mysum(a) AS s, mymax(a) AS m, pct(0.5) WITHIN GROUP (ORDER BY a) AS p FROM t""");
    }

    @Test
    void aggregateChangedInPlaceKeepsTheViewsUsingIt() {
        String view = "; CREATE VIEW v AS SELECT mysum(a) AS s FROM t";
        String a = "CREATE AGGREGATE mysum(int) (SFUNC = int4pl, STYPE = int)" + view;
        String b = "CREATE AGGREGATE mysum(int) (SFUNC = int4pl, STYPE = int, INITCOND = '0', PARALLEL = SAFE)" + view;
        bothWays("CREATE TABLE t (a int)", a, b);
        Plan plan = oneWay("CREATE TABLE t (a int)", a, b);
        assertTrue(plan.sql().contains("CREATE OR REPLACE AGGREGATE public.mysum(integer)"), plan.sql());
        assertTrue(!plan.sql().contains("DROP"), plan.sql());
    }

    @Test
    void aggregateWhoseResultTypeChangesIsDroppedAndCreated() {
        bothWays("", "CREATE AGGREGATE mysum(int) (SFUNC = int4pl, STYPE = int); COMMENT ON AGGREGATE mysum(int) IS 'c'",
                FINAL_FN + "CREATE AGGREGATE mysum(int) (SFUNC = int4pl, STYPE = int, FINALFUNC = fin);"
                        + " COMMENT ON AGGREGATE mysum(int) IS 'c'");
    }

    // ---- event triggers -----------------------------------------------------------------------------------

    private static final String EVENT_FN = "CREATE FUNCTION et() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN END$$";

    @Test
    void eventTriggerIsDiffed() {
        SchemaPair pair = SchemaPair.of(EVENT_FN, "",
                "CREATE EVENT TRIGGER e ON ddl_command_end WHEN TAG IN ('DROP TABLE', 'CREATE TABLE') EXECUTE FUNCTION et()");
        assertEquals(List.of(new ObjectChange.EventTriggerAdded("e", "CREATE EVENT TRIGGER e ON ddl_command_end"
                + " WHEN TAG IN ('CREATE TABLE', 'DROP TABLE') EXECUTE FUNCTION public.et()")), pair.diff.changes());
    }

    @Test
    void eventTriggersAreCreatedDroppedAndChangedWithTheirStateAndComment() {
        bothWays(EVENT_FN, "", """
                CREATE EVENT TRIGGER e ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION et();
                COMMENT ON EVENT TRIGGER e IS 'audit';
                CREATE EVENT TRIGGER "Always On" ON sql_drop EXECUTE FUNCTION et(); ALTER EVENT TRIGGER "Always On" ENABLE ALWAYS""");
        bothWays(EVENT_FN, "CREATE EVENT TRIGGER e ON ddl_command_end EXECUTE FUNCTION et(); COMMENT ON EVENT TRIGGER e IS 'x'",
                "CREATE EVENT TRIGGER e ON ddl_command_start WHEN TAG IN ('DROP TABLE') EXECUTE FUNCTION et();"
                        + " ALTER EVENT TRIGGER e DISABLE; COMMENT ON EVENT TRIGGER e IS 'x'");
        bothWays(EVENT_FN + "; CREATE EVENT TRIGGER e ON ddl_command_end EXECUTE FUNCTION et()", "",
                "ALTER EVENT TRIGGER e ENABLE REPLICA");
    }

    @Test
    void newEventTriggerDoesNotActOnThePlansOwnStatements() {
        String guard = """
                CREATE FUNCTION no_drops() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'no drops'; END$$;
                CREATE EVENT TRIGGER guard ON sql_drop EXECUTE FUNCTION no_drops()""";
        Plan plan = oneWay("", "CREATE SEQUENCE s; CREATE FUNCTION old() RETURNS int LANGUAGE sql AS 'SELECT 1'", guard,
                (db, p) -> assertFails(() -> db.exec("CREATE TABLE x (a int); DROP TABLE x"), "no drops"));
        assertTrue(plan.sql().indexOf("ALTER EVENT TRIGGER guard ENABLE;") > plan.sql().indexOf("DROP SEQUENCE public.s;"),
                plan.sql());
    }

    private static void assertFails(Runnable action, String message) {
        try {
            action.run();
        } catch (RuntimeException e) {
            assertTrue(String.valueOf(e.getMessage()).contains(message), e.toString());
            return;
        }
        throw new AssertionError("expected a failure saying " + message);
    }
}
