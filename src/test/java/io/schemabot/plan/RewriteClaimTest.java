package io.schemabot.plan;

import io.schemabot.testing.PlanRoundTrip;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A lead approves a plan by its hazards: TABLE_REWRITE must be claimed exactly when PostgreSQL really rewrites
 * the table (its file node changes), and the plan's USING must not make it rewrite where the type alone would not.
 */
class RewriteClaimTest {

    @ParameterizedTest(name = "{0} -> {1}: rewrite {2}")
    @CsvSource(delimiter = '|', value = {
            "character varying(10) | character varying(20) | false",
            "character varying(10) | text                  | false",
            "text                  | character varying     | false",
            "character varying(20) | character varying(10) | true",
            "text                  | character varying(10) | true",
            "numeric(10,2)         | numeric(12,2)         | false",
            "numeric(10,2)         | numeric               | false",
            "numeric(10,2)         | numeric(10,3)         | true",
            "numeric(12,2)         | numeric(10,2)         | true",
            "integer               | bigint                | true",
            "character(5)          | character varying(10) | true",
            "timestamp(3) without time zone | timestamp(6) without time zone | false",
            "timestamp(6) with time zone | timestamp(2) with time zone | true",
            "time(2) without time zone | time without time zone | false",
            "interval(2) | interval | false",
            "bit varying(5) | bit varying(10) | false",
            "character varying(10)[] | character varying(20)[] | true",
            "integer[] | bigint[] | true",
            "interval day to second(2) | interval day to second(4) | false",
            "interval day to second(4) | interval day to second(2) | true",
            "timestamp without time zone | timestamp(0) without time zone | true",
            "interval | interval day | true",
            "interval day | interval | false",
    })
    void claimsARewriteExactlyWhenPostgresRewrites(String was, String will, boolean rewrites) {
        long[] fileNode = new long[1];
        Plan plan = PlanRoundTrip.oneWay("",
                "CREATE TABLE t (id int PRIMARY KEY, c " + was + "); INSERT INTO t VALUES (1, NULL), (2, NULL);",
                "CREATE TABLE t (id int PRIMARY KEY, c " + will + ");",
                (db, p) -> fileNode[0] = db.queryLong("SELECT pg_relation_filenode('t')"),
                db -> assertEquals(rewrites, db.queryLong("SELECT pg_relation_filenode('t')") != fileNode[0],
                        "PostgreSQL rewrote the table"));
        boolean claimed = plan.hazards().stream().anyMatch(h -> h.kind() == Hazard.Kind.TABLE_REWRITE);
        assertEquals(rewrites, claimed, plan.sql());
    }
}
