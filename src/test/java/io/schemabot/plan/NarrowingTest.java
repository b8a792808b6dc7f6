package io.schemabot.plan;

import io.schemabot.db.Connections;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.PlanRoundTrip;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A narrower type never cuts a value short: an explicit cast to varchar(n)[], bit(n) or varbit(n) truncates or
 * pads silently, so the plan converts through text, where a value that does not fit is refused, the transaction
 * rolls back, and the data check has already named it. Values that fit arrive unchanged.
 */
class NarrowingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "character varying(20)[] | character varying(5)[] | '{short,a-much-longer-tag}' | '{short,ok}'",
            "character(10)[]         | character(3)[]          | '{abcdefg}'                  | '{abc}'",
            "bit(8)                  | bit(4)                  | B'10101010'                  | NULL",
            "bit varying(8)          | bit varying(4)          | B'101010'                    | B'101'",
    })
    void aValueThatDoesNotFitStopsThePlanInsteadOfBeingCut(String was, String will, String tooLong, String fits)
            throws Exception {
        try (TestDatabase prod = EmbeddedPg.createDatabase("narrow_prod");
             TestDatabase target = EmbeddedPg.createDatabase("narrow_target")) {
            prod.exec("CREATE TABLE t (id int PRIMARY KEY, c " + was + "); INSERT INTO t VALUES (1, " + tooLong
                    + "), (2, " + fits + ")");
            target.exec("CREATE TABLE t (id int PRIMARY KEY, c " + will + ")");
            Plan plan = PlanFixtures.plan(prod, target);
            List<DataCheck> checks = PlanFixtures.runChecks(prod, plan);
            assertTrue(checks.stream().anyMatch(k -> k.violations() != null && k.violations() == 1), checks.toString());
            try (Connection c = Connections.openForScripts(prod.url()); Statement st = c.createStatement()) {
                assertThrows(SQLException.class, () -> st.execute(plan.sql()), plan.sql());
            }

            prod.exec("DELETE FROM t WHERE id = 1");
            PlanRoundTrip.apply(prod, PlanFixtures.plan(prod, target));
            assertEquals(1L, prod.queryLong("SELECT count(*) FROM t WHERE id = 2 AND c IS NOT DISTINCT FROM ("
                    + fits + ")::" + will));
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "smallint | numeric(7,2)  | -32768               | 32767               | numeric(6,2)",
            "integer  | numeric(12,2) | -2147483648          | 2147483647          | numeric(11,2)",
            "bigint   | numeric(19,0) | -9223372036854775808 | 9223372036854775807 | numeric(20,2)",
    })
    void anIntegerIntoANumericWithRoomForAllItsDigitsLosesNothing(String was, String roomy, String min, String max,
                                                                String tight) throws Exception {
        try (TestDatabase prod = EmbeddedPg.createDatabase("narrow_prod");
             TestDatabase target = EmbeddedPg.createDatabase("narrow_target")) {
            prod.exec("CREATE TABLE t (id int PRIMARY KEY, c " + was + "); INSERT INTO t VALUES (1, " + min
                    + "), (2, " + max + ")");
            target.exec("CREATE TABLE t (id int PRIMARY KEY, c " + tight + ")");
            Plan tooTight = PlanFixtures.plan(prod, target);
            assertTrue(tooTight.hasDataLoss(), tooTight.hazards().toString());
            assertEquals(2L, PlanFixtures.runChecks(prod, tooTight).stream()
                    .mapToLong(k -> k.violations() == null ? 0 : k.violations()).sum());

            target.exec("ALTER TABLE t ALTER COLUMN c TYPE " + roomy);
            Plan plan = PlanFixtures.plan(prod, target);
            assertTrue(plan.hazards().stream().noneMatch(h -> h.kind() == Hazard.Kind.DATA_LOSS
                    || h.kind() == Hazard.Kind.FAILS_ON_DATA), plan.hazards().toString());
            PlanRoundTrip.apply(prod, plan);
            assertEquals(2L, prod.queryLong("SELECT count(*) FROM t WHERE c IN (" + min + ", " + max + ")"));
        }
    }
}
