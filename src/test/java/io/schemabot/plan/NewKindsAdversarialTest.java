package io.schemabot.plan;

import io.schemabot.sql.Sql;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.SchemaPair;
import org.junit.jupiter.api.Test;

import static io.schemabot.testing.PlanRoundTrip.bothWays;
import static io.schemabot.testing.PlanRoundTrip.oneWay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a DBA would try against the kinds added last: composite types read through views and nested in each
 * other, aggregates with views and grants, support functions replaced under them, rules and policies set aside.
 */
class NewKindsAdversarialTest {
    private static void createRole(String name) {
        EmbeddedPg.execAsSuperuser("postgres", "DO $$ BEGIN CREATE ROLE " + Sql.ident(name)
                + "; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    }

    // ---- composite types ----------------------------------------------------------------------------------

    @Test
    void viewReadingAnAttributeThroughAFunctionSurvivesTheAttributeChangingType() {
        String rest = "; CREATE FUNCTION \"Origin\"() RETURNS \"Point 2\" LANGUAGE sql AS 'SELECT ROW(1, 2)::\"Point 2\"';"
                + " CREATE VIEW v AS SELECT (\"Origin\"()).x AS x, (\"Origin\"()).y AS y";
        bothWays("", "CREATE TYPE \"Point 2\" AS (x int, y int)" + rest, "CREATE TYPE \"Point 2\" AS (x bigint, y int)" + rest);
    }

    @Test
    void viewReadingAnAttributeOfAStoredValueSurvivesTheAttributesBeingReordered() {
        String rest = "; CREATE TABLE t (id int, p pt); INSERT INTO t VALUES (1, ROW(1, 2)::pt);"
                + " CREATE VIEW v AS SELECT id, (p).y AS y FROM t";
        bothWays("", "CREATE TYPE pt AS (x int, y int)" + rest, "CREATE TYPE pt AS (y int, x int)" + rest);
    }

    @Test
    void viewCastingToTheTypeSurvivesAnAttributeBeingDropped() {
        String view = "; CREATE VIEW v AS SELECT (ROW(1, 2, 3)::pt).x AS x";
        String viewB = "; CREATE VIEW v AS SELECT (ROW(1, 2)::pt).x AS x";
        bothWays("", "CREATE TYPE pt AS (x int, y int, z int)" + view, "CREATE TYPE pt AS (x int, y int)" + viewB);
    }

    @Test
    void typeNestedInAStoredTypeCannotBeRetypedAndSaysSo() {
        SchemaPair pair = SchemaPair.of("", "CREATE TYPE pt AS (x int); CREATE TYPE \"Pt Box\" AS (a pt, b pt); CREATE TABLE t (b \"Pt Box\"[])",
                "CREATE TYPE pt AS (x bigint); CREATE TYPE \"Pt Box\" AS (a pt, b pt); CREATE TABLE t (b \"Pt Box\"[])");
        Plan plan = Planner.plan(pair.diff, pair.from, pair.to);
        assertTrue(plan.isBlocked(), plan.sql());
    }

    @Test
    void attributeDroppedFromATypeNestedInAStoredTypeIsDataLoss() {
        Plan plan = oneWay("", "CREATE TYPE pt AS (x int, y int); CREATE TYPE \"Pt Box\" AS (a pt); CREATE TABLE t (b \"Pt Box\")",
                "CREATE TYPE pt AS (x int); CREATE TYPE \"Pt Box\" AS (a pt); CREATE TABLE t (b \"Pt Box\")");
        assertTrue(plan.hazards().stream().anyMatch(h -> h.kind() == Hazard.Kind.DATA_LOSS), plan.hazards().toString());
    }

    // ---- aggregates ---------------------------------------------------------------------------------------

    private static final String FIN = "CREATE FUNCTION fin(int) RETURNS numeric LANGUAGE sql AS 'SELECT $1::numeric'; ";

    @Test
    void aggregateWhoseResultTypeChangesIsRebuiltUnderTheViewUsingIt() {
        String view = "; CREATE TABLE t (a int); INSERT INTO t VALUES (1), (2); CREATE VIEW \"Totals\" AS SELECT mysum(a) AS s FROM t";
        bothWays(FIN, "CREATE AGGREGATE mysum(int) (SFUNC = int4pl, STYPE = int)" + view,
                "CREATE AGGREGATE mysum(int) (SFUNC = int4pl, STYPE = int, FINALFUNC = fin)" + view);
    }

    @Test
    void supportFunctionReplacedUnderAKeptAggregate() {
        String agg = "; CREATE AGGREGATE total(int) (SFUNC = acc, STYPE = int, INITCOND = '0');"
                + " CREATE TABLE t (a int); CREATE VIEW v AS SELECT total(a) AS s FROM t";
        bothWays("", "CREATE FUNCTION acc(s int, v int) RETURNS int LANGUAGE sql AS 'SELECT s + v'" + agg,
                "CREATE FUNCTION acc(total int, v int) RETURNS int LANGUAGE sql AS 'SELECT total + v'" + agg);
    }

    @Test
    void aggregateThatPublicMayNoLongerRunIsDrift() {
        SchemaPair pair = SchemaPair.of("CREATE AGGREGATE mysum(int) (SFUNC = int4pl, STYPE = int)", "",
                "REVOKE EXECUTE ON FUNCTION mysum(int) FROM PUBLIC");
        assertFalse(pair.diff.isEmpty(), "an aggregate's grants are what the schema allows");
    }

    @Test
    void aggregateGrantsArePlannedAndSurviveItsRebuild() {
        createRole("Report Reader");
        String grants = "; REVOKE ALL ON FUNCTION mysum(int) FROM PUBLIC; GRANT EXECUTE ON FUNCTION mysum(int) TO \"Report Reader\"";
        bothWays(FIN, "CREATE AGGREGATE mysum(int) (SFUNC = int4pl, STYPE = int)",
                "CREATE AGGREGATE mysum(int) (SFUNC = int4pl, STYPE = int)" + grants);
        bothWays(FIN, "CREATE AGGREGATE mysum(int) (SFUNC = int4pl, STYPE = int)" + grants,
                "CREATE AGGREGATE mysum(int) (SFUNC = int4pl, STYPE = int, FINALFUNC = fin)" + grants);
        bothWays(FIN, "", "CREATE AGGREGATE mysum(int) (SFUNC = int4pl, STYPE = int)" + grants);
    }

    // ---- routine privileges -------------------------------------------------------------------------------

    @Test
    void grantsOnARoutineSetAsideWithItsViewSurvive() {
        createRole("app_rw");
        String rest = "; CREATE VIEW v AS SELECT a FROM t;"
                + " CREATE FUNCTION \"Read V\"() RETURNS SETOF v LANGUAGE sql AS 'SELECT * FROM v';"
                + " REVOKE ALL ON FUNCTION \"Read V\"() FROM PUBLIC; GRANT EXECUTE ON FUNCTION \"Read V\"() TO app_rw;"
                + " CREATE PROCEDURE p() LANGUAGE sql AS 'SELECT 1'; REVOKE ALL ON PROCEDURE p() FROM PUBLIC";
        bothWays("", "CREATE TABLE t (a int)" + rest, "CREATE TABLE t (a bigint)" + rest);
    }

    @Test
    void procedureReplacedForItsParameterNamesKeepsItsGrants() {
        createRole("app_rw");
        String grants = "; REVOKE ALL ON PROCEDURE p(int) FROM PUBLIC; GRANT EXECUTE ON PROCEDURE p(int) TO app_rw";
        oneWay("", "CREATE PROCEDURE p(a int) LANGUAGE sql AS 'SELECT 1'" + grants,
                "CREATE PROCEDURE p(b int) LANGUAGE sql AS 'SELECT 1'" + grants,
                (db, plan) -> assertEquals(0, db.queryLong("SELECT count(*) FROM information_schema.routine_privileges"
                        + " WHERE routine_name = 'p' AND grantee = 'PUBLIC'"), plan.sql()));
    }

    // ---- rules and policies -------------------------------------------------------------------------------

    @Test
    void disabledRuleSetAsideForARetypedColumnComesBackDisabled() {
        String rest = "; CREATE TABLE log (a bigint);"
                + " CREATE RULE \"Audit It\" AS ON INSERT TO t DO ALSO INSERT INTO log VALUES (NEW.a);"
                + " ALTER TABLE t DISABLE RULE \"Audit It\"";
        bothWays("", "CREATE TABLE t (a int)" + rest, "CREATE TABLE t (a bigint)" + rest);
    }

    @Test
    void forcedRowSecurityAndPoliciesSurviveAColumnRetypeWithRows() {
        createRole("tenant user");
        String rest = "; INSERT INTO t VALUES (1); ALTER TABLE t ENABLE ROW LEVEL SECURITY; ALTER TABLE t FORCE ROW LEVEL SECURITY;"
                + " CREATE POLICY \"Own Rows\" ON t AS RESTRICTIVE FOR UPDATE TO \"tenant user\" USING (a > 0) WITH CHECK (a < 100);"
                + " CREATE POLICY p2 ON t USING (true)";
        bothWays("", "CREATE TABLE t (a int)" + rest, "CREATE TABLE t (a bigint)" + rest);
    }

    @Test
    void policyReadingACompositeAttributeSurvivesItsRetype() {
        String rest = "; CREATE TABLE t (a int); ALTER TABLE t ENABLE ROW LEVEL SECURITY;"
                + " CREATE FUNCTION lim() RETURNS pt LANGUAGE sql AS 'SELECT ROW(1)::pt';"
                + " CREATE POLICY p ON t USING (a < (lim()).x)";
        bothWays("", "CREATE TYPE pt AS (x int)" + rest, "CREATE TYPE pt AS (x bigint)" + rest);
    }

    // ---- round two ----------------------------------------------------------------------------------------

    @Test
    void standardBodyRoutineReadingAnAttributeIsSetAsideWhileTheTypeIsReshaped() {
        String rest = "; CREATE FUNCTION gety(p pt) RETURNS int LANGUAGE sql RETURN (p).y;"
                + " CREATE FUNCTION sumx(ps pt[]) RETURNS bigint LANGUAGE sql AS 'SELECT sum((e).x) FROM unnest(ps) e';"
                + " CREATE VIEW v AS SELECT sumx(ARRAY[ROW(1, 2)::pt]) AS s";
        bothWays("", "CREATE TYPE pt AS (x int, y int)" + rest, "CREATE TYPE pt AS (x bigint, y int)" + rest);
    }

    @Test
    void policyReadingAnAttributeOfItsOwnTableIsSetAsideWhileAnAttributeMoves() {
        String rest = "; CREATE TABLE t (p pt); INSERT INTO t VALUES (ROW(1, 2)); ALTER TABLE t ENABLE ROW LEVEL SECURITY;"
                + " CREATE POLICY \"Positive Y\" ON t USING ((p).y > 0)";
        Plan plan = oneWay("", "CREATE TYPE pt AS (x int, y int)" + rest, "CREATE TYPE pt AS (y int, x int)" + rest);
        assertTrue(plan.hazards().stream().anyMatch(h -> h.kind() == Hazard.Kind.DATA_LOSS), plan.hazards().toString());
    }

    @Test
    void routineReplacedWhileItsGrantsChangeEndsWithTheTargetsGrants() {
        createRole("app_rw");
        createRole("auditor");
        bothWays("", "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'SELECT a';"
                        + " REVOKE ALL ON FUNCTION f(int) FROM PUBLIC; GRANT EXECUTE ON FUNCTION f(int) TO app_rw",
                "CREATE FUNCTION f(b int) RETURNS int LANGUAGE sql AS 'SELECT b';"
                        + " REVOKE ALL ON FUNCTION f(int) FROM PUBLIC; GRANT EXECUTE ON FUNCTION f(int) TO auditor WITH GRANT OPTION");
    }

    @Test
    void aggregateWhoseSupportFunctionIsSetAsideWithAChangedTable() {
        String rest = "; CREATE FUNCTION acc(s int, v int) RETURNS int LANGUAGE sql RETURN s + v + (SELECT count(*) FROM t)::int;"
                + " CREATE AGGREGATE total(int) (SFUNC = acc, STYPE = int, INITCOND = '0');"
                + " REVOKE ALL ON FUNCTION total(int) FROM PUBLIC; GRANT EXECUTE ON FUNCTION total(int) TO app_rw;"
                + " CREATE VIEW \"Grand Total\" AS SELECT total(a::int) AS s FROM t";
        createRole("app_rw");
        bothWays("", "CREATE TABLE t (a int)" + rest, "CREATE TABLE t (a bigint)" + rest);
    }

    @Test
    void ruleOnAViewCallingARebuiltAggregateIsCreatedAgain() {
        String rest = "; CREATE TABLE t (a int); CREATE TABLE sink (a int); CREATE VIEW v AS SELECT mysum(a) AS s FROM t;"
                + " CREATE RULE \"No Insert\" AS ON INSERT TO v DO INSTEAD INSERT INTO sink VALUES (NEW.s::int)";
        bothWays(FIN, "CREATE AGGREGATE mysum(int) (SFUNC = int4pl, STYPE = int)" + rest,
                "CREATE AGGREGATE mysum(int) (SFUNC = int4pl, STYPE = int, FINALFUNC = fin)" + rest);
    }

    // ---- round three --------------------------------------------------------------------------------------

    @Test
    void checkConstraintReadingAMovedAttribute() {
        String rest = "; CREATE TABLE t (p pt CHECK ((p).\"Amount Due\" >= 0)); INSERT INTO t VALUES (ROW(1, 2))";
        Plan plan = oneWay("", "CREATE TYPE pt AS (x int, \"Amount Due\" int)" + rest,
                "CREATE TYPE pt AS (\"Amount Due\" int, x int)" + rest);
        assertTrue(plan.hazards().stream().anyMatch(h -> h.kind() == Hazard.Kind.DATA_LOSS), plan.hazards().toString());
    }

    @Test
    void columnDefaultReadingARetypedAttribute() {
        String rest = "; CREATE FUNCTION lim() RETURNS pt LANGUAGE sql AS 'SELECT ROW(5)::pt';"
                + " CREATE TABLE t (a bigint DEFAULT (lim()).x); INSERT INTO t DEFAULT VALUES";
        bothWays("", "CREATE TYPE pt AS (x int)" + rest, "CREATE TYPE pt AS (x bigint)" + rest);
    }

    @Test
    void domainOverACompositeTypeCheckingARetypedAttribute() {
        String rest = "; CREATE DOMAIN \"Positive Pt\" AS pt CHECK ((VALUE).x > 0)";
        bothWays("", "CREATE TYPE pt AS (x int)" + rest, "CREATE TYPE pt AS (x bigint)" + rest);
    }

    // ---- round four ---------------------------------------------------------------------------------------

    @Test
    void aggregateMovedToANewOverloadOfItsSupportFunction() {
        String fin = "CREATE FUNCTION narrow(bigint) RETURNS int LANGUAGE sql AS 'SELECT $1::int'; ";
        String view = "; CREATE TABLE t (a int); CREATE VIEW v AS SELECT total(a) AS s FROM t";
        bothWays(fin, "CREATE FUNCTION acc(int, int) RETURNS int LANGUAGE sql AS 'SELECT $1 + $2';"
                        + " CREATE AGGREGATE total(int) (SFUNC = acc, STYPE = int)" + view,
                "CREATE FUNCTION acc(bigint, int) RETURNS bigint LANGUAGE sql AS 'SELECT $1 + $2';"
                        + " CREATE AGGREGATE total(int) (SFUNC = acc, STYPE = bigint, FINALFUNC = narrow)" + view);
    }

    @Test
    void eventTriggerTheTargetDropsStopsGuardingBeforeThePlanDrops() {
        String guard = "CREATE FUNCTION no_drops() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'no drops'; END$$;"
                + " CREATE EVENT TRIGGER guard ON sql_drop EXECUTE FUNCTION no_drops(); ";
        oneWay("", guard + "CREATE TABLE \"Old Table\" (a int)", "");
    }

    @Test
    void extensionCommentIsChangedAndCleared() {
        bothWays("", "", "COMMENT ON EXTENSION plpgsql IS 'our procedural language'");
        bothWays("", "", "COMMENT ON EXTENSION plpgsql IS NULL");
    }

    @Test
    void viewExpandingAllAttributesIsRebuiltWhenOneIsAdded() {
        String rest = "; CREATE FUNCTION origin() RETURNS pt LANGUAGE sql AS 'SELECT NULL::pt';"
                + " CREATE VIEW v AS SELECT (origin()).*";
        bothWays("", "CREATE TYPE pt AS (x int)" + rest, "CREATE TYPE pt AS (x int, y text)" + rest);
    }

    // ---- round five ---------------------------------------------------------------------------------------

    @Test
    void materializedViewAndIndexReadingAMovedAttributeAreRebuiltWithTheirRows() {
        String rest = "; CREATE TABLE t (id int, p pt); INSERT INTO t VALUES (1, ROW(1, 2)), (2, ROW(3, 4));"
                + " CREATE INDEX t_y ON t (((p).y)); CREATE MATERIALIZED VIEW m AS SELECT id, (p).x AS x FROM t";
        oneWay("", "CREATE TYPE pt AS (x int, y int)" + rest, "CREATE TYPE pt AS (y int, x int)" + rest,
                (db, plan) -> assertTrue(plan.sql().contains("DROP INDEX public.t_y;"), plan.sql()),
                db -> assertEquals(2, db.queryLong("SELECT count(*) FROM m")));
    }

    @Test
    void quotedAggregateInItsOwnSchemaIsRebuiltUnderItsView() {
        String common = "CREATE SCHEMA \"Sales\"; " + FIN;
        String view = "; CREATE TABLE \"Sales\".t (a int); CREATE VIEW \"Sales\".\"Report\" AS SELECT \"Sales\".\"Grand Sum\"(a) AS s FROM \"Sales\".t;"
                + " COMMENT ON AGGREGATE \"Sales\".\"Grand Sum\"(int) IS 'sum'";
        bothWays(common, "CREATE AGGREGATE \"Sales\".\"Grand Sum\"(int) (SFUNC = int4pl, STYPE = int)" + view,
                "CREATE AGGREGATE \"Sales\".\"Grand Sum\"(int) (SFUNC = int4pl, STYPE = int, FINALFUNC = fin)" + view);
    }
}
