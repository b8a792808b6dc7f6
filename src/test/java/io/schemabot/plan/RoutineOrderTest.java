package io.schemabot.plan;

import io.schemabot.testing.PlanRoundTrip;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, point 2: routines with SQL-standard bodies are parsed when created, so one that calls another comes
 * after it, whatever their names, and goes before it when both are dropped.
 */
class RoutineOrderTest {

    @Test
    void aRoutineIsCreatedAfterTheRoutineItsBodyCalls_notByName() {
        PlanRoundTrip.bothWays("", "", """
                CREATE FUNCTION b_dep() RETURNS int LANGUAGE sql RETURN 1;
                CREATE FUNCTION a_user() RETURNS int LANGUAGE sql RETURN b_dep() + 1;
                """);
    }

    @Test
    void aChainOfStandardBodiesIsCreatedInDependencyOrder() {
        // pgjdbc splits a script at semicolons, so the one BEGIN ATOMIC body comes last
        PlanRoundTrip.bothWays("", "", """
                CREATE FUNCTION c_base(x int) RETURNS int LANGUAGE sql RETURN x * 2;
                CREATE FUNCTION b_mid(x int) RETURNS int LANGUAGE sql RETURN c_base(x) + 1;
                CREATE PROCEDURE a_top(INOUT x int) LANGUAGE sql BEGIN ATOMIC SELECT b_mid(x); END
                """);
    }

    @Test
    void aRoutineCallingOneThatReadsATableWaitsForIt() {
        PlanRoundTrip.bothWays("CREATE TABLE t (n int);", "", """
                CREATE FUNCTION b_count() RETURNS bigint LANGUAGE sql RETURN (SELECT count(*) FROM t);
                CREATE FUNCTION a_more() RETURNS bigint LANGUAGE sql RETURN b_count() + 1;
                """);
    }

    @Test
    void aChangedRoutineThatNowCallsANewOneComesAfterIt() {
        PlanRoundTrip.bothWays("", """
                CREATE FUNCTION a_user() RETURNS int LANGUAGE sql RETURN 1;
                """, """
                CREATE FUNCTION z_new() RETURNS int LANGUAGE sql RETURN 41;
                CREATE FUNCTION a_user() RETURNS int LANGUAGE sql RETURN z_new() + 1;
                """);
    }

    @Test
    void anOverloadCallingAnotherOverloadComesAfterIt() {
        PlanRoundTrip.bothWays("", "", """
                CREATE FUNCTION f(x text) RETURNS int LANGUAGE sql RETURN length(x);
                CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql RETURN f(x::text);
                """);
    }

    @Test
    void aNewRoutineCallingOneThatIsReplacedComesAfterTheReplacement() {
        PlanRoundTrip.oneWay("", "CREATE FUNCTION b() RETURNS int LANGUAGE sql RETURN 1;", """
                CREATE FUNCTION b() RETURNS bigint LANGUAGE sql RETURN 1;
                CREATE FUNCTION a() RETURNS bigint LANGUAGE sql RETURN b() + 1;
                """);
    }

    @Test
    void aNewRoutineCallingOneSetAsideForAColumnTypeChangeComesAfterIt() {
        PlanRoundTrip.oneWay("", """
                CREATE TABLE t (n int);
                CREATE FUNCTION b() RETURNS bigint LANGUAGE sql RETURN (SELECT count(n) FROM t);
                """, """
                CREATE TABLE t (n bigint);
                CREATE FUNCTION b() RETURNS bigint LANGUAGE sql RETURN (SELECT count(n) FROM t);
                CREATE FUNCTION a() RETURNS bigint LANGUAGE sql RETURN b() + 1;
                """);
    }
}
