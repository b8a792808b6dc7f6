package io.schemabot.plan;

import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A data check for a new constraint counts exactly the rows PostgreSQL then refuses. */
class ConstraintCheckTest {

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
            "CREATE TABLE t (a int); INSERT INTO t VALUES (NULL), (NULL), (1)"
                    + " | CREATE TABLE t (a int, CONSTRAINT t_a_key UNIQUE NULLS NOT DISTINCT (a)) | unique nulls not distinct",
            "CREATE TABLE p (x int, y int, PRIMARY KEY (x, y)); INSERT INTO p VALUES (1, 1);"
                    + " CREATE TABLE t (x int, y int); INSERT INTO t VALUES (1, NULL), (1, 1), (NULL, NULL)"
                    + " | CREATE TABLE p (x int, y int, PRIMARY KEY (x, y));"
                    + " CREATE TABLE t (x int, y int, FOREIGN KEY (x, y) REFERENCES p MATCH FULL) | foreign key match full",
            "CREATE TABLE t (e text); INSERT INTO t VALUES ('X'), ('x'), ('y'), (NULL), (NULL)"
                    + " | CREATE TABLE t (e text); CREATE UNIQUE INDEX t_lower ON t (lower(e)) | unique expression index",
            "CREATE TABLE t (e text, live bool); INSERT INTO t VALUES ('a', true), ('a', true), ('b', true), ('b', false)"
                    + " | CREATE TABLE t (e text, live bool); CREATE UNIQUE INDEX t_live ON t (e DESC) WHERE live"
                    + " | partial unique index",
            "CREATE TABLE t (e text); INSERT INTO t VALUES ('ab'), ('ab'), ('b')"
                    + " | CREATE TABLE t (e text); CREATE UNIQUE INDEX t_e ON t (upper(e) text_pattern_ops DESC)"
                    + " | unique index with a pattern operator class",
    })
    void theCheckCountsWhatPostgresRefuses(String production, String target, String name) throws Exception {
        try (TestDatabase prod = EmbeddedPg.createDatabase("con_prod"); TestDatabase expected = EmbeddedPg.createDatabase("con_target")) {
            prod.exec(production);
            expected.exec(target);
            Plan plan = PlanFixtures.plan(prod, expected);
            List<DataCheck> checks = PlanFixtures.runChecks(prod, plan);
            assertEquals(1L, checks.stream().mapToLong(k -> k.violations() == null ? 0 : k.violations()).sum(),
                    checks.toString());
            assertThrows(AssertionError.class, () -> io.schemabot.testing.PlanRoundTrip.apply(prod, plan));
        }
    }
}
