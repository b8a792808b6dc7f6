package io.schemabot.plan;

import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static io.schemabot.testing.PlanRoundTrip.bothWays;
import static io.schemabot.testing.PlanRoundTrip.oneWay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Objects PostgreSQL ties to something the plan drops or replaces: foreign keys to the unique index or constraint
 * they reference, views and SQL-standard routine bodies calling a routine that is set aside or replaced. Each is
 * dropped before and created again after, and what the plan rebuilds comes back as production had it.
 */
class DependencyRoundTripTest {
    private static final String PARENT_AND_CHILD = "CREATE TABLE p (id int, code text NOT NULL); CREATE TABLE c (code text)";
    private static final String FK = "; ALTER TABLE c ADD CONSTRAINT c_code FOREIGN KEY (code) REFERENCES p (code)";

    // ---- foreign keys and the unique index they reference -------------------------------------------

    @Test
    void foreignKeyIsRebuiltAroundTheUniqueIndexItReferencesWhenTheIndexGainsIncludedColumns() {
        bothWays(PARENT_AND_CHILD, "CREATE UNIQUE INDEX p_code ON p (code)" + FK,
                "CREATE UNIQUE INDEX p_code ON p (code) INCLUDE (id)" + FK);
    }

    @Test
    void foreignKeyMovesToTheUniqueIndexThatReplacesTheOneItReferenced() {
        bothWays(PARENT_AND_CHILD, "CREATE UNIQUE INDEX p_code ON p (code)" + FK,
                "CREATE UNIQUE INDEX p_code_v2 ON p (code) INCLUDE (id)" + FK);
    }

    @Test
    void foreignKeysFromTwoTablesFollowTheReplacedUniqueIndexAndKeepTheirRows() {
        String fks = FK + "; CREATE TABLE d (p_code text REFERENCES p (code) ON DELETE CASCADE);"
                + " INSERT INTO p VALUES (1, 'x'); INSERT INTO c VALUES ('x'); INSERT INTO d VALUES ('x')";
        oneWay(PARENT_AND_CHILD, "CREATE UNIQUE INDEX p_code ON p (code)" + fks,
                "CREATE UNIQUE INDEX p_code ON p (code) INCLUDE (id)" + fks, (db, plan) -> {
                    assertTrue(plan.sql().contains("DROP CONSTRAINT d_p_code_fkey"), plan.sql());
                    assertEquals("1", db.queryString("SELECT count(*) FROM d"));
                });
    }

    @Test
    void foreignKeyFollowsAUniqueIndexOnQuotedColumnsWithASortOrder() {
        String fk = "; CREATE TABLE k (\"Code\" text, n int, FOREIGN KEY (n, \"Code\") REFERENCES q (n, \"Code\"))";
        bothWays("CREATE TABLE q (\"Code\" text NOT NULL, n int NOT NULL)",
                "CREATE UNIQUE INDEX q_code ON q (\"Code\" DESC, n)" + fk,
                "CREATE UNIQUE INDEX q_code ON q (\"Code\" COLLATE \"C\", n) INCLUDE (n)" + fk);
    }

    @Test
    void foreignKeyToAnotherKeyOfTheTableIsLeftAloneWhenAUniqueIndexChanges() {
        String rest = "; CREATE TABLE k (p_id int REFERENCES p (id))";
        Plan plan = oneWay("CREATE TABLE p (id int PRIMARY KEY, code text NOT NULL)",
                "CREATE UNIQUE INDEX p_code ON p (code)" + rest, "CREATE UNIQUE INDEX p_code ON p (code) INCLUDE (id)" + rest);
        assertTrue(!plan.sql().contains("k_p_id_fkey"), "the key k references does not change:\n" + plan.sql());
    }

    @Test
    void foreignKeyFollowsAUniqueConstraintThatBecomesAUniqueIndexOfTheSameName() {
        bothWays(PARENT_AND_CHILD, "ALTER TABLE p ADD CONSTRAINT p_code UNIQUE (code)" + FK,
                "CREATE UNIQUE INDEX p_code ON p (code)" + FK);
    }

    @Test
    void foreignKeyIsRebuiltAroundAUniqueConstraintThatChanges() {
        bothWays(PARENT_AND_CHILD, "ALTER TABLE p ADD CONSTRAINT p_code UNIQUE (code)" + FK,
                "ALTER TABLE p ADD CONSTRAINT p_code UNIQUE NULLS NOT DISTINCT (code)" + FK);
    }

    // ---- routines set aside or replaced, and what calls them ----------------------------------------

    @Test
    void viewCallingARoutineOfATableRowTypeIsRebuiltAroundTheRoutineWhenAColumnIsRetyped() {
        String rest = "; CREATE FUNCTION describe(r public.t) RETURNS text LANGUAGE sql RETURN r.a::text;"
                + " CREATE VIEW v AS SELECT public.describe(t.*) AS d FROM t";
        bothWays("", "CREATE TABLE t (a int, b int)" + rest, "CREATE TABLE t (a int, b bigint)" + rest);
    }

    @Test
    void viewsOverAViewCallingASetAsideRoutineAreRebuiltToo() {
        String rest = "; CREATE FUNCTION describe(r public.t) RETURNS text LANGUAGE sql RETURN r.a::text;"
                + " CREATE TABLE u (x int); CREATE VIEW v AS SELECT public.describe(t.*) AS d FROM t CROSS JOIN u;"
                + " CREATE VIEW w AS SELECT d FROM v; CREATE VIEW ww AS SELECT count(*) AS n FROM w";
        bothWays("", "CREATE TABLE t (a int, b int)" + rest, "CREATE TABLE t (a int, b bigint)" + rest);
    }

    @Test
    void routineTakingARebuiltViewsRowTypeComesBetweenThatViewAndAViewCallingIt() {
        String rest = "; CREATE VIEW v AS SELECT a, b FROM t;"
                + " CREATE FUNCTION f(r public.v) RETURNS int LANGUAGE sql AS 'SELECT r.a';"
                + " CREATE VIEW w AS SELECT public.f(v.*) AS x FROM public.v";
        bothWays("", "CREATE TABLE t (a int, b int)" + rest, "CREATE TABLE t (a int, b bigint)" + rest);
    }

    @Test
    void atomicFunctionCallingAFunctionWhoseResultChangesIsDroppedBeforeAndCreatedAfter() {
        bothWays("",
                "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'; CREATE FUNCTION g() RETURNS int LANGUAGE sql RETURN f() + 1",
                "CREATE FUNCTION f() RETURNS bigint LANGUAGE sql AS 'SELECT 1'; CREATE FUNCTION g() RETURNS int LANGUAGE sql RETURN (f() + 1)::int");
    }

    @Test
    void chainOfAtomicRoutinesAndAViewOverTheLastAreRebuiltAroundAReplacedFunction() {
        // pgjdbc splits a script at semicolons, so the one BEGIN ATOMIC body comes last
        String callers = "; CREATE FUNCTION g() RETURNS bigint LANGUAGE sql RETURN f(1) + 1;"
                + " CREATE FUNCTION h() RETURNS bigint LANGUAGE sql RETURN g() * 2; CREATE VIEW v AS SELECT h() AS n;"
                + " GRANT EXECUTE ON FUNCTION h() TO PUBLIC;"
                + " CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC SELECT h(); END";
        Plan plan = oneWay("", "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'SELECT a'" + callers,
                "CREATE FUNCTION f(b int) RETURNS int LANGUAGE sql AS 'SELECT b'" + callers,
                (db, p) -> assertEquals("4", db.queryString("SELECT n FROM v")));
        assertTrue(plan.sql().indexOf("DROP VIEW public.v;") < plan.sql().indexOf("DROP FUNCTION public.h()"), plan.sql());
    }

    // ---- what a rebuild keeps ------------------------------------------------------------------------

    @Test
    void viewRebuiltAroundARetypedColumnStoresItsCheckOptionAfterItsOtherOptionsAsCreateViewDid() {
        String view = "; CREATE VIEW v WITH (security_barrier, security_invoker) AS SELECT a FROM t WHERE a > 0"
                + " WITH CASCADED CHECK OPTION";
        Plan plan = oneWay("", "CREATE TABLE t (a int, b int)" + view, "CREATE TABLE t (a bigint, b int)" + view,
                (db, p) -> assertEquals("security_barrier=true,security_invoker=true,check_option=cascaded",
                        db.queryString("SELECT array_to_string(reloptions, ',') FROM pg_class WHERE oid = 'public.v'::regclass"),
                        p.sql()));
        assertTrue(plan.sql().contains("DROP VIEW public.v;"), "the test must really rebuild the view:\n" + plan.sql());
    }
}
