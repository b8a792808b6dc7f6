package io.schemabot.plan;

import org.junit.jupiter.api.Test;

import static io.schemabot.testing.PlanRoundTrip.bothWays;

/**
 * Routines PostgreSQL identifies by name and input types: changes CREATE OR REPLACE refuses (parameter names, OUT
 * parameters, removed defaults, kind) replace the routine with what uses it set aside, and an overload the target
 * swaps for another of the same name lets go of what calls it.
 */
class RoutineRoundTripTest {

    @Test
    void renamedParameterReplacesTheFunction() {
        bothWays("", "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'SELECT a'",
                "CREATE FUNCTION f(b int) RETURNS int LANGUAGE sql AS 'SELECT b'");
    }

    @Test
    void parameterThatGainsANameKeepsTheFunction() {
        bothWays("", "CREATE FUNCTION f(int) RETURNS int LANGUAGE sql AS 'SELECT $1'",
                "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'SELECT a'");
    }

    @Test
    void renamedProcedureParameter() {
        bothWays("", "CREATE PROCEDURE p(a int) LANGUAGE sql AS 'SELECT a'",
                "CREATE PROCEDURE p(b int) LANGUAGE sql AS 'SELECT b'");
    }

    @Test
    void removedParameterDefault() {
        bothWays("", "CREATE FUNCTION f(a int, b int DEFAULT 1) RETURNS int LANGUAGE sql AS 'SELECT a + b'",
                "CREATE FUNCTION f(a int, b int) RETURNS int LANGUAGE sql AS 'SELECT a + b'");
    }

    @Test
    void outParametersRetypedRenamedOrAdded() {
        String before = "CREATE FUNCTION f(a int, OUT x int, OUT y int) LANGUAGE sql AS 'SELECT a, a';";
        bothWays("", before, "CREATE FUNCTION f(a int, OUT x int, OUT y bigint) LANGUAGE sql AS 'SELECT a, a::bigint'");
        bothWays("", before, "CREATE FUNCTION f(a int, OUT x int, OUT z int) LANGUAGE sql AS 'SELECT a, a'");
        bothWays("", before, "CREATE FUNCTION f(a int, OUT x int, OUT y int, OUT z text) LANGUAGE sql AS 'SELECT a, a, ''z'''");
    }

    @Test
    void procedureOutParameterRetyped() {
        bothWays("", "CREATE PROCEDURE p(IN a int, OUT b int) LANGUAGE plpgsql AS $$BEGIN b := a; END$$",
                "CREATE PROCEDURE p(IN a int, OUT b bigint) LANGUAGE plpgsql AS $$BEGIN b := a; END$$");
    }

    @Test
    void viewOverAFunctionWhoseOutParametersChangeIsRebuilt() {
        bothWays("",
                "CREATE FUNCTION f(OUT x int, OUT y int) LANGUAGE sql AS 'SELECT 1, 2'; CREATE VIEW v AS SELECT x, y FROM f()",
                "CREATE FUNCTION f(OUT x int, OUT y bigint) LANGUAGE sql AS 'SELECT 1, 2::bigint'; CREATE VIEW v AS SELECT x, y FROM f()");
    }

    @Test
    void checkCallingAFunctionWhoseParameterIsRenamedIsSetAside() {
        bothWays("CREATE TABLE t (a int); INSERT INTO t VALUES (1)",
                "CREATE FUNCTION ok(x int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 > 0'; ALTER TABLE t ADD CHECK (ok(a))",
                "CREATE FUNCTION ok(y int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 > 0'; ALTER TABLE t ADD CHECK (ok(a))");
    }

    @Test
    void defaultCallingAnOverloadTheTargetSwapsLetsGoOfIt() {
        bothWays("",
                "CREATE FUNCTION d() RETURNS int LANGUAGE sql AS 'SELECT 1'; CREATE TABLE t (a int DEFAULT d())",
                "CREATE FUNCTION d(k int DEFAULT 1) RETURNS int LANGUAGE sql AS 'SELECT k'; CREATE TABLE t (a int DEFAULT d())");
    }

    @Test
    void viewCallingAnOverloadTheTargetSwapsIsRebuilt() {
        bothWays("",
                "CREATE FUNCTION d() RETURNS int LANGUAGE sql AS 'SELECT 1'; CREATE VIEW v AS SELECT d() AS n",
                "CREATE FUNCTION d(k int DEFAULT 1) RETURNS int LANGUAGE sql AS 'SELECT k'; CREATE VIEW v AS SELECT d() AS n");
    }

    @Test
    void routineThatChangesKindAndParameterNames() {
        bothWays("CREATE TABLE t (a int)", "CREATE PROCEDURE r(x int) LANGUAGE sql AS 'INSERT INTO public.t VALUES (x)'",
                "CREATE FUNCTION r(y int) RETURNS void LANGUAGE sql AS 'INSERT INTO public.t VALUES (y)'");
    }

    // ---- routines PostgreSQL ties to views and columns -------------------------------------------------

    private static final String SETOF_V = "CREATE VIEW v AS SELECT a FROM t;"
            + " CREATE FUNCTION f() RETURNS SETOF public.v LANGUAGE sql AS 'SELECT * FROM public.v'";
    private static final String ATOMIC_OVER_V = "CREATE VIEW v AS SELECT a FROM t;"
            + " CREATE FUNCTION f() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM public.v; END";

    @Test
    void functionsNamingANewViewComeAfterItAndGoBeforeIt() {
        bothWays("CREATE TABLE t (a int)", "", SETOF_V);
        bothWays("CREATE TABLE t (a int)", "", "CREATE VIEW v AS SELECT a FROM t;"
                + " CREATE FUNCTION f(r public.v) RETURNS int LANGUAGE sql AS 'SELECT r.a'");
        bothWays("CREATE TABLE t (a int)", "", ATOMIC_OVER_V);
    }

    @Test
    void functionsNamingAViewRebuiltForARetypedColumnAreSetAsideAroundIt() {
        bothWays("", "CREATE TABLE t (a int, b int); " + SETOF_V, "CREATE TABLE t (a int, b bigint); " + SETOF_V);
        bothWays("", "CREATE TABLE t (a int, b int); " + ATOMIC_OVER_V, "CREATE TABLE t (a int, b bigint); " + ATOMIC_OVER_V);
    }

    @Test
    void atomicBodyReadingAColumnThatIsAddedRetypedOrDropped() {
        String readsB = "CREATE FUNCTION f() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT max(b)::bigint FROM public.t; END";
        bothWays("", "CREATE TABLE t (a int, b int); " + readsB, "CREATE TABLE t (a int, b bigint); " + readsB);
        bothWays("", "CREATE TABLE t (a int)", "CREATE TABLE t (a int, b bigint); " + readsB);
        bothWays("", "CREATE TABLE t (a int); CREATE FUNCTION f() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT max(a) FROM public.t; END",
                "CREATE TABLE t (a int, b bigint); " + readsB);
    }
}
