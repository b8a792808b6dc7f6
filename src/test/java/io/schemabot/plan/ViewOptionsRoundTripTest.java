package io.schemabot.plan;

import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static io.schemabot.testing.PlanRoundTrip.bothWays;
import static io.schemabot.testing.PlanRoundTrip.oneWay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a view's definition does not say (options, check option, column defaults and comments, a materialized
 * view left unpopulated) survives plans that rebuild the view, and differences in it are planned in place. The
 * round trip alone cannot see what is lost silently, so the catalog is read after the plan too.
 */
class ViewOptionsRoundTripTest {
    private static final String SECURE_VIEW = """
            ; CREATE VIEW v WITH (security_barrier, security_invoker) AS SELECT a FROM t WHERE a > 0
              WITH CASCADED CHECK OPTION""";

    /** The view's reloptions as PostgreSQL stores them, in name order. */
    private static String options(TestDatabase db, String view) {
        return db.queryString("SELECT array_to_string(ARRAY(SELECT o FROM unnest(reloptions) o ORDER BY o), ', ')"
                + " FROM pg_class WHERE oid = " + io.schemabot.sql.Sql.literal(view) + "::regclass");
    }

    @Test
    void aRebuiltViewKeepsSecurityBarrierSecurityInvokerAndItsCheckOption() {
        Plan plan = oneWay("", "CREATE TABLE t (a int, b int)" + SECURE_VIEW, "CREATE TABLE t (a bigint, b int)" + SECURE_VIEW,
                (db, p) -> {
                    assertEquals("check_option=cascaded, security_barrier=true, security_invoker=true",
                            options(db, "v"), p.sql());
                    db.exec("INSERT INTO v VALUES (1)");
                    assertFails("new row violates check option", () -> db.exec("INSERT INTO v VALUES (-1)"));
                });
        assertTrue(plan.sql().contains("DROP VIEW public.v;"), "the test must really rebuild the view:\n" + plan.sql());
    }

    @Test
    void differentViewOptionsAreSetAndResetInPlace() {
        String common = "CREATE TABLE t (a int)";
        String a = """
                CREATE VIEW v WITH (security_barrier) AS SELECT a FROM t WHERE a > 0 WITH LOCAL CHECK OPTION;
                CREATE VIEW plain AS SELECT a FROM t;
                CREATE MATERIALIZED VIEW m WITH (fillfactor = 70) AS SELECT a FROM t""";
        String b = """
                CREATE VIEW v WITH (security_invoker) AS SELECT a FROM t WHERE a > 0 WITH CASCADED CHECK OPTION;
                CREATE VIEW plain WITH (security_barrier = true) AS SELECT a FROM t;
                CREATE MATERIALIZED VIEW m WITH (fillfactor = 80, autovacuum_enabled = false) AS SELECT a FROM t""";
        bothWays(common, a, b);
        Plan plan = oneWay(common, a, b, (db, p) -> {
            assertEquals("check_option=cascaded, security_invoker=true", options(db, "v"));
            assertEquals("security_barrier=true", options(db, "plain"));
            assertEquals("autovacuum_enabled=false, fillfactor=80", options(db, "m"));
        });
        assertFalse(plan.sql().contains("DROP "), "options change without a rebuild:\n" + plan.sql());
        assertTrue(plan.sql().contains("ALTER VIEW public.v RESET (security_barrier);"), plan.sql());
        assertTrue(plan.sql().contains("ALTER MATERIALIZED VIEW public.m SET (autovacuum_enabled='false', fillfactor='80');"),
                plan.sql());
    }

    @Test
    void aRebuiltMaterializedViewKeepsItsDataStateAndTheHazardsSayWhichIsRefilled() {
        String views = """
                ; CREATE MATERIALIZED VIEW empty AS SELECT a FROM t WITH NO DATA;
                CREATE MATERIALIZED VIEW filled AS SELECT b FROM t""";
        Plan plan = oneWay("", "CREATE TABLE t (a int, b int)" + views, "CREATE TABLE t (a bigint, b bigint)" + views,
                (db, p) -> {
                    assertEquals("f", db.queryString("SELECT relispopulated FROM pg_class WHERE relname = 'empty'"), p.sql());
                    assertEquals("t", db.queryString("SELECT relispopulated FROM pg_class WHERE relname = 'filled'"), p.sql());
                });
        assertTrue(plan.sql().contains("WITH NO DATA"), plan.sql());
        assertTrue(plan.hazards().stream().anyMatch(h -> h.kind() == Hazard.Kind.TABLE_REWRITE
                && h.object().equals("public.filled") && h.reason().contains("query runs inside the transaction")),
                plan.hazards().toString());
        assertTrue(plan.hazards().stream().noneMatch(h -> h.object().equals("public.empty")), plan.hazards().toString());
    }

    @Test
    void viewColumnDefaultsAndCommentsAreDiffedAndChangedInPlace() {
        bothWays("CREATE TABLE t (a int, b int); CREATE VIEW v AS SELECT a, b FROM t;"
                        + " CREATE MATERIALIZED VIEW m AS SELECT a FROM t", """
                ALTER VIEW v ALTER COLUMN a SET DEFAULT 7; COMMENT ON COLUMN v.a IS 'old';
                COMMENT ON COLUMN m.a IS 'cached a'""", """
                ALTER VIEW v ALTER COLUMN b SET DEFAULT (1 + 2); ALTER VIEW v ALTER COLUMN a SET DEFAULT 8;
                COMMENT ON COLUMN v.a IS 'new'; COMMENT ON COLUMN v.b IS 'b'""");
    }

    @Test
    void aRebuiltViewGetsBackItsColumnDefaultsAndComments() {
        String views = """
                ; CREATE VIEW v AS SELECT a, b FROM t; ALTER VIEW v ALTER COLUMN a SET DEFAULT 7;
                COMMENT ON COLUMN v.a IS 'the a'; CREATE MATERIALIZED VIEW m AS SELECT a FROM t;
                COMMENT ON COLUMN m.a IS 'cached a'""";
        oneWay("", "CREATE TABLE t (a int, b int)" + views, "CREATE TABLE t (a bigint, b int)" + views, (db, p) -> {
            assertEquals("the a", db.queryString("SELECT col_description('v'::regclass, 1)"), p.sql());
            assertEquals("cached a", db.queryString("SELECT col_description('m'::regclass, 1)"), p.sql());
            assertEquals("7", db.queryString("SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef"
                    + " WHERE adrelid = 'v'::regclass AND adnum = 1"), p.sql());
            assertTrue(p.sql().contains("DROP VIEW public.v;"), "the test must really rebuild the view:\n" + p.sql());
        });
    }

    @Test
    void aRebuiltViewLosesACommentedColumnWithoutCommentingOnIt() {
        bothWays("CREATE TABLE t (a int, b int)",
                "CREATE VIEW v AS SELECT a, b FROM t; COMMENT ON COLUMN v.b IS 'soon gone'; ALTER VIEW v ALTER COLUMN b SET DEFAULT 1",
                "CREATE VIEW v AS SELECT a FROM t; COMMENT ON COLUMN v.a IS 'stays'");
    }

    @Test
    void aViewThatBecomesMaterializedGetsTheCommentOfItsNewKind() {
        bothWays("CREATE TABLE t (a int)",
                "CREATE VIEW m WITH (security_barrier) AS SELECT a FROM t; COMMENT ON VIEW m IS 'a view'",
                "CREATE MATERIALIZED VIEW m WITH (fillfactor = 90) AS SELECT a FROM t; COMMENT ON MATERIALIZED VIEW m IS 'a matview'");
    }

    @Test
    void aViewWhoseColumnDefaultCallsAFunctionWhoseResultTypeChangesIsRebuiltAroundIt() {
        String view = "; CREATE VIEW v AS SELECT a FROM t; ALTER VIEW v ALTER COLUMN a SET DEFAULT f()";
        bothWays("CREATE TABLE t (a bigint)", "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'" + view,
                "CREATE FUNCTION f() RETURNS bigint LANGUAGE sql AS 'SELECT 1'" + view);
    }

    private static void assertFails(String message, Runnable sql) {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, sql::run);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
