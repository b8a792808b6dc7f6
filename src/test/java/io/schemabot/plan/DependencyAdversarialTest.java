package io.schemabot.plan;

import io.schemabot.diff.SchemaDiff;
import io.schemabot.schema.Snapshot;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import static io.schemabot.testing.PlanRoundTrip.bothWays;
import static io.schemabot.testing.PlanRoundTrip.oneWay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Adversarial: objects tied to what the plan drops, replaces or retypes come back exactly. */
class DependencyAdversarialTest {
    /** A SQL-standard function reading t: retyping t.v sets it aside with the views. */
    private static final String COUNTER = " INSERT INTO t VALUES (1, 'a');"
            + " CREATE FUNCTION cnt() RETURNS int LANGUAGE sql IMMUTABLE RETURN (SELECT count(v)::int FROM public.t);";

    /** Round trip between t with v as text and v as varchar(20), the rest the same on both sides. */
    private static void retypingV(String rest) {
        bothWays("", "CREATE TABLE t (id int, v text);" + rest, "CREATE TABLE t (id int, v varchar(20));" + rest);
    }

    @Test
    void columnDefaultCallingASetAsideRoutineStepsAsideAndComesBack() {
        retypingV(COUNTER + "CREATE TABLE u (n int DEFAULT public.cnt()); INSERT INTO u VALUES (DEFAULT);");
    }

    @Test
    void checkCallingASetAsideRoutineStepsAsideAndComesBack() {
        retypingV(COUNTER + "CREATE TABLE u (n int, CONSTRAINT \"N small\" CHECK (n <= public.cnt() + 10));"
                + " INSERT INTO u VALUES (1); COMMENT ON CONSTRAINT \"N small\" ON u IS 'bounded';");
    }

    @Test
    void domainCheckCallingASetAsideRoutineStepsAsideAndComesBack() {
        retypingV(COUNTER + "CREATE DOMAIN small AS int CONSTRAINT small_max CHECK (VALUE <= public.cnt() + 10);"
                + " CREATE TABLE u (n small); INSERT INTO u VALUES (1);");
    }

    @Test
    void triggerWhenCallingASetAsideRoutineIsRecreatedAfterIt() {
        retypingV(COUNTER + "CREATE TABLE u (n int); CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS"
                + " 'BEGIN RETURN NEW; END'; CREATE TRIGGER u_t BEFORE INSERT ON u FOR EACH ROW"
                + " WHEN (NEW.n > public.cnt()) EXECUTE FUNCTION tf();");
    }

    private static final String NORM = "CREATE FUNCTION base_norm(x text) RETURNS text LANGUAGE sql IMMUTABLE"
            + " AS 'SELECT lower(x)'; CREATE FUNCTION norm(s text) RETURNS text LANGUAGE sql IMMUTABLE"
            + " RETURN public.base_norm(s);";
    private static final String NORM_RENAMED = "CREATE FUNCTION base_norm(y text) RETURNS text LANGUAGE sql IMMUTABLE"
            + " AS 'SELECT lower(y)'; CREATE FUNCTION norm(s text) RETURNS text LANGUAGE sql IMMUTABLE"
            + " RETURN public.base_norm(s);";

    @Test
    void expressionAndPartialIndexesCallingARoutineSetAsideForAReplacedOneAreRebuilt() {
        String rest = "CREATE TABLE \"Users\" (email text, active bool); INSERT INTO \"Users\" VALUES ('A', true);"
                + " CREATE UNIQUE INDEX users_email ON \"Users\" (public.norm(email));"
                + " CREATE INDEX users_active ON \"Users\" (email) WHERE public.norm(email) <> '';";
        bothWays("", NORM + rest, NORM_RENAMED + rest);
    }

    @Test
    void domainCheckCallingAReplacedRoutineStepsAsideAndComesBack() {
        String rest = "CREATE DOMAIN lowered AS text CHECK (VALUE = public.base_norm(VALUE));"
                + " CREATE TABLE u (e lowered); INSERT INTO u VALUES ('a');";
        bothWays("", NORM + rest, NORM_RENAMED + rest);
    }

    @Test
    void triggerWhenCallingAReplacedRoutineComesBackWithItsComment() {
        String rest = "CREATE TABLE u (e text); CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS"
                + " 'BEGIN RETURN NEW; END'; CREATE TRIGGER u_t BEFORE INSERT ON u FOR EACH ROW"
                + " WHEN (public.base_norm(NEW.e) <> NEW.e) EXECUTE FUNCTION tf();"
                + " COMMENT ON TRIGGER u_t ON u IS 'keeps e lowered'; ALTER TABLE u ENABLE REPLICA TRIGGER u_t;";
        bothWays("", NORM + rest, NORM_RENAMED + rest);
    }

    @Test
    void exclusionConstraintAndDefaultCallingASetAsideRoutineComeBack() {
        retypingV(COUNTER + "CREATE TABLE u (n int DEFAULT public.cnt(), EXCLUDE USING btree ((n + public.cnt()) WITH =));");
    }

    // ---- retyped columns ---------------------------------------------------------------------------

    @Test
    void retypedColumnKeepsItsExpressionPartialAndExclusionIndexesWithComments() {
        String c = "CREATE TABLE \"Orders\" (id int, \"Code\" varchar(10), note text);"
                + " INSERT INTO \"Orders\" VALUES (1, 'Ab', 'x');"
                + " CREATE INDEX o_lower ON \"Orders\" (lower(\"Code\"));"
                + " CREATE INDEX o_part ON \"Orders\" (id) WHERE \"Code\" <> '';"
                + " ALTER TABLE \"Orders\" ADD CONSTRAINT o_ex EXCLUDE USING btree (\"Code\" WITH =);"
                + " COMMENT ON INDEX o_lower IS 'lookup'; COMMENT ON CONSTRAINT o_ex ON \"Orders\" IS 'one each';";
        bothWays(c, "", "ALTER TABLE \"Orders\" ALTER COLUMN \"Code\" TYPE text");
    }

    @Test
    void retypedQuotedColumnInATriggersUpdateOfListKeepsTheTriggerDisabledAndCommented() {
        String c = "CREATE TABLE t (id int, \"Amount\" int); CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql"
                + " AS 'BEGIN RETURN NEW; END'; CREATE TRIGGER t_amt BEFORE UPDATE OF \"Amount\" ON t FOR EACH ROW"
                + " EXECUTE FUNCTION tf(); COMMENT ON TRIGGER t_amt ON t IS 'audit'; ALTER TABLE t DISABLE TRIGGER t_amt;";
        bothWays("", c, c.replace("\"Amount\" int", "\"Amount\" bigint"));
    }

    @Test
    void retypedColumnReadByAGeneratedColumnKeepsItsComment() {
        String c = "CREATE TABLE t (id int, price int, doubled int GENERATED ALWAYS AS (price * 2) STORED);"
                + " INSERT INTO t (id, price) VALUES (1, 5); COMMENT ON COLUMN t.doubled IS 'twice';";
        bothWays("", c, c.replace("price int", "price bigint"));
    }

    @Test
    void foreignKeyToARetypedKeyOfAPartitionedTableIsRecreated() {
        String c = "CREATE TABLE p (id int, region text, PRIMARY KEY (id, region)) PARTITION BY LIST (region);"
                + " CREATE TABLE p_eu PARTITION OF p FOR VALUES IN ('eu');"
                + " CREATE TABLE c (p_id int, region text, FOREIGN KEY (p_id, region) REFERENCES p);"
                + " INSERT INTO p VALUES (1, 'eu'); INSERT INTO c VALUES (1, 'eu');";
        bothWays(c, "", "ALTER TABLE c ALTER COLUMN p_id TYPE bigint; ALTER TABLE p ALTER COLUMN id TYPE bigint");
    }

    @Test
    void columnRetypedToADomainWithACheck() {
        String c = "CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');"
                + " CREATE TABLE t (e text); INSERT INTO t VALUES ('a@b');";
        bothWays(c, "", "ALTER TABLE t ALTER COLUMN e TYPE email");
    }

    // ---- more users of routines set aside or replaced -----------------------------------------------

    @Test
    void generatedColumnCallingASetAsideRoutineIsRebuiltWithItsIndexAndComment() {
        retypingV(COUNTER + "CREATE TABLE u (id int, n int GENERATED ALWAYS AS (id + public.cnt()) STORED);"
                + " INSERT INTO u (id) VALUES (1); CREATE INDEX u_n ON u (n); COMMENT ON COLUMN u.n IS 'derived';");
    }

    @Test
    void domainDefaultCallingASetAsideRoutineStepsAsideAndComesBack() {
        retypingV(COUNTER + "CREATE DOMAIN counted AS int DEFAULT public.cnt(); CREATE TABLE u (n counted);");
    }

    @Test
    void policyCallingASetAsideRoutineStepsAsideAndComesBack() {
        retypingV(COUNTER + "CREATE TABLE u (n int); ALTER TABLE u ENABLE ROW LEVEL SECURITY;"
                + " CREATE POLICY few ON u USING (n <= public.cnt());");
    }

    @Test
    void securityDefinerRoutineSetAsideKeepsItsOwnerSearchPathAndGrants() {
        EmbeddedPg.execAsSuperuser("postgres", "DO $$ BEGIN CREATE ROLE \"Report Owner\";"
                + " EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE report_reader;"
                + " EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        String rest = " INSERT INTO t VALUES (1, 'a'); CREATE FUNCTION cnt() RETURNS int LANGUAGE sql STABLE"
                + " SECURITY DEFINER SET search_path = pg_catalog, public RETURN (SELECT count(v)::int FROM public.t);"
                + " ALTER FUNCTION cnt() OWNER TO \"Report Owner\"; REVOKE ALL ON FUNCTION cnt() FROM PUBLIC;"
                + " GRANT EXECUTE ON FUNCTION cnt() TO report_reader; COMMENT ON FUNCTION cnt() IS 'rows';";
        oneWay("", "CREATE TABLE t (id int, v text);" + rest, "CREATE TABLE t (id int, v varchar(20));" + rest,
                (db, plan) -> {
                    assertEquals("Report Owner|true|{\"search_path=pg_catalog, public\"}",
                            db.queryString("SELECT pg_get_userbyid(proowner) || '|' || prosecdef || '|' || proconfig::text"
                                    + " FROM pg_proc WHERE proname = 'cnt'"));
                    assertEquals("true|false", db.queryString(
                            "SELECT has_function_privilege('report_reader', 'public.cnt()', 'EXECUTE') || '|'"
                                    + " || has_function_privilege('public', 'public.cnt()', 'EXECUTE')"));
                });
    }

    @Test
    void generatedColumnRebuiltForAReplacedRoutineKeepsItsColumnGrant() {
        EmbeddedPg.execAsSuperuser("postgres", "DO $$ BEGIN CREATE ROLE report_reader;"
                + " EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        String rest = "CREATE TABLE u (e text, k text GENERATED ALWAYS AS (public.base_norm(e)) STORED);"
                + " GRANT SELECT (k) ON u TO report_reader;";
        oneWay("", NORM + rest, NORM_RENAMED + rest, (db, plan) -> assertEquals("t",
                db.queryString("SELECT has_column_privilege('report_reader', 'public.u', 'k', 'SELECT')")));
    }

    @Test
    void generatedColumnRecomputedForARetypedColumnKeepsItsColumnGrants() {
        EmbeddedPg.execAsSuperuser("postgres", "DO $$ BEGIN CREATE ROLE report_reader;"
                + " EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        String c = "CREATE TABLE \"Line Items\" (id int, price int, \"Doubled\" int GENERATED ALWAYS AS (price * 2) STORED);"
                + " INSERT INTO \"Line Items\" (id, price) VALUES (1, 5);"
                + " GRANT SELECT (\"Doubled\"), UPDATE (price) ON \"Line Items\" TO report_reader;"
                + " GRANT SELECT (\"Doubled\") ON \"Line Items\" TO PUBLIC;";
        String grants = "SELECT has_column_privilege('report_reader', 'public.\"Line Items\"', 'Doubled', 'SELECT')"
                + " || '|' || (SELECT attacl::text FROM pg_attribute WHERE attrelid = 'public.\"Line Items\"'::regclass"
                + " AND attname = 'Doubled')";
        String[] expected = new String[1];
        oneWay("", c, c.replace("price int", "price bigint"), (db, plan) -> expected[0] = db.queryString(grants),
                db -> assertEquals(expected[0], db.queryString(grants)));
        assertTrue(expected[0].startsWith("true|"), expected[0]);
    }

    @Test
    void generatedExpressionChangedFromAPlainColumnKeepsItsColumnGrants() {
        EmbeddedPg.execAsSuperuser("postgres", "DO $$ BEGIN CREATE ROLE report_reader;"
                + " EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        String grant = "; GRANT SELECT (k) ON u TO report_reader";
        oneWay("", "CREATE TABLE u (e text, k text)" + grant,
                "CREATE TABLE u (e text, k text GENERATED ALWAYS AS (lower(e)) STORED)" + grant,
                (db, plan) -> assertEquals("t",
                        db.queryString("SELECT has_column_privilege('report_reader', 'public.u', 'k', 'SELECT')")));
    }

    @Test
    void usersOnAPartitionedTableOfAReplacedRoutineStepAsideOnceThroughTheParent() {
        String rest = "CREATE TABLE ev (id int, region text, e text DEFAULT public.base_norm('X'),"
                + " CONSTRAINT e_lowered CHECK (e = public.base_norm(e))) PARTITION BY LIST (region);"
                + " CREATE TABLE ev_eu PARTITION OF ev FOR VALUES IN ('eu');"
                + " CREATE TABLE ev_us PARTITION OF ev FOR VALUES IN ('us');"
                + " INSERT INTO ev VALUES (1, 'eu', 'a'), (2, 'us', DEFAULT);"
                + " CREATE INDEX ev_norm ON ev (public.base_norm(e)); COMMENT ON INDEX ev_norm IS 'lookup';"
                + " CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';"
                + " CREATE TRIGGER ev_t BEFORE INSERT ON ev FOR EACH ROW WHEN (public.base_norm(NEW.e) <> NEW.e)"
                + " EXECUTE FUNCTION tf(); ALTER TABLE ev DISABLE TRIGGER ev_t;";
        bothWays("", NORM + rest, NORM_RENAMED + rest);
    }

    @Test
    void usersOnAnInheritanceChildOfAReplacedRoutine() {
        String rest = "CREATE TABLE base (e text CONSTRAINT e_lowered CHECK (e = public.base_norm(e)));"
                + " CREATE TABLE child (extra int) INHERITS (base); INSERT INTO child VALUES ('a', 1);"
                + " CREATE INDEX child_norm ON child (public.base_norm(e));";
        bothWays("", NORM + rest, NORM_RENAMED + rest);
    }

    // ---- extended statistics (not in the snapshot: checked in the catalog) ----------------------------

    @Test
    void statisticsOnARetypedColumnSurviveThePlan() {
        String c = "CREATE TABLE t (a int, b int, g int GENERATED ALWAYS AS (a + b) STORED);"
                + " CREATE STATISTICS t_ab (dependencies) ON a, b FROM t; CREATE STATISTICS \"T ag\" ON a, g FROM t;"
                + " CREATE STATISTICS t_expr ON (g * 2), b FROM t; ALTER STATISTICS \"T ag\" SET STATISTICS 500;"
                + " COMMENT ON STATISTICS \"T ag\" IS 'a with g';";
        String shown = "SELECT string_agg(pg_get_statisticsobjdef(oid) || ' ' || coalesce(stxstattarget, -1) || ' '"
                + " || coalesce(obj_description(oid, 'pg_statistic_ext'), '-'), '; ' ORDER BY stxname) FROM pg_statistic_ext";
        String[] before = new String[1];
        oneWay("", c, c.replace("a int", "a bigint"), (db, plan) -> before[0] = db.queryString(shown),
                db -> assertEquals(before[0], db.queryString(shown)));
        assertTrue(before[0].contains("500 a with g") && before[0].contains("t_expr"), before[0]);
    }

    @Test
    void domainWhoseCheckOrDefaultCallsANewFunctionComesAfterIt() {
        bothWays("", "", NORM + "CREATE DOMAIN lowered AS text CHECK (VALUE = public.base_norm(VALUE));"
                + " CREATE TABLE u (e lowered);");
        String domain = "CREATE DOMAIN code AS text; CREATE TABLE u (e code); INSERT INTO u VALUES ('a');";
        bothWays("", domain, NORM + domain + " ALTER DOMAIN code ADD CONSTRAINT code_lowered"
                + " CHECK (VALUE = public.base_norm(VALUE)); ALTER DOMAIN code SET DEFAULT public.base_norm('X');");
    }

    // ---- data checks whose query meets a bad row ----------------------------------------------------

    @Test
    void dataCheckThatMeetsARowTheNewCheckCannotEvaluateReportsAFailureNotAnUncheckedStep() throws Exception {
        // the report shows these as failed ([FAIL]), not as unknown ([?])
        assertEquals("at least 1 row would fail: ERROR: division by zero",
                onlyCheck("CREATE TABLE t (n int); INSERT INTO t VALUES (5), (0)",
                        "CREATE TABLE t (n int, CONSTRAINT ratio CHECK (100 / n > 1))"));
        assertEquals("at least 1 row would fail: ERROR: invalid input syntax for type integer: \"x\"",
                onlyCheck("CREATE TABLE t (n text); INSERT INTO t VALUES ('1'), ('x')",
                        "CREATE TABLE t (n text, CONSTRAINT numeric_text CHECK (n::int >= 0))"));
    }

    @Test
    void dataCheckNamingAnObjectThePlanCreatesStaysNotChecked() throws Exception {
        String outcome = onlyCheck("CREATE TABLE t (n int); INSERT INTO t VALUES (5)",
                "CREATE FUNCTION pos(x int) RETURNS bool LANGUAGE sql IMMUTABLE AS 'SELECT x > 0';"
                        + " CREATE TABLE t (n int, CONSTRAINT positive CHECK (public.pos(n)))");
        assertTrue(outcome.startsWith("not checked: ") && outcome.contains("does not exist"), outcome);
    }

    /** The outcome of the one data check of plan(A -> B), run on A. */
    private static String onlyCheck(String a, String b) throws Exception {
        try (TestDatabase from = EmbeddedPg.createDatabase("chk_from"); TestDatabase to = EmbeddedPg.createDatabase("chk_to")) {
            from.exec(a);
            to.exec(b);
            Snapshot before = from.snapshot();
            Snapshot after = to.snapshot();
            Plan plan = Planner.plan(SchemaDiff.between(before, after), before, after);
            try (Connection c = from.connect()) {
                List<DataCheck> checks = DataChecks.run(c, plan.checks(), Duration.ofSeconds(30));
                assertEquals(1, checks.size(), checks.toString());
                return checks.get(0).outcome();
            }
        }
    }
}
