package io.schemabot.plan;

import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cast that silently changes values (rounds 2.5 to 3, or a large bigint to the nearest double) is DATA_LOSS,
 * and a data check counts the values it would change: before, the check said "ok" while the values changed.
 */
class RoundingCheckTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "numeric          | integer          | 2.5               | 7",
            "double precision | bigint           | 7.9               | 8",
            "numeric(10,4)    | numeric(12,2)    | 1.2345            | 1.23",
            "bigint           | double precision | 9007199254740993  | 42",
            "integer          | real             | 16777217          | 42",
            "interval         | interval day     | '1 day 03:00'     | '2 days'",
            "numeric(12,4)    | money            | 1.2345            | 2.5",
            "money            | numeric(10,0)    | 12.34             | 7",
            "timestamp        | timestamp(0)     | '2024-01-01 10:00:00.5' | '2024-01-01 10:00:00'",
    })
    void valuesACastWouldChangeAreCounted(String was, String will, String changed, String kept) throws Exception {
        try (TestDatabase prod = EmbeddedPg.createDatabase("round_prod");
             TestDatabase target = EmbeddedPg.createDatabase("round_target")) {
            prod.exec("CREATE TABLE t (id int PRIMARY KEY, c " + was + "); INSERT INTO t VALUES (1, " + changed
                    + "), (2, " + kept + "), (3, NULL)");
            target.exec("CREATE TABLE t (id int PRIMARY KEY, c " + will + ")");
            Plan plan = PlanFixtures.plan(prod, target);
            assertTrue(plan.hasDataLoss(), plan.sql());
            List<DataCheck> checks = PlanFixtures.runChecks(prod, plan);
            long flagged = checks.stream().filter(k -> k.violations() != null).mapToLong(DataCheck::violations).sum();
            assertEquals(1L, flagged, checks.toString());
        }
    }
}
