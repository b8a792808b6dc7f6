package io.schemabot.plan;

import io.schemabot.diff.Change;
import io.schemabot.testing.SchemaPair;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.schemabot.testing.PlanRoundTrip.bothWays;
import static io.schemabot.testing.PlanRoundTrip.oneWay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Schema state the diff once passed over in silence: whether a materialized view holds rows, privileges on
 * routines, comments on extensions, composite types, aggregates and event triggers. Each is noticed, and the plan
 * makes one side like the other.
 */
class MoreKindsRoundTripTest {
    private static final String ROWS = "CREATE TABLE t (a int); INSERT INTO t VALUES (1), (2)";

    private static boolean hasHazard(Plan plan, Hazard.Kind kind, String object, String words) {
        return plan.hazards().stream().anyMatch(h -> h.kind() == kind && h.object().equals(object)
                && h.reason().contains(words));
    }

    // ---- materialized views: filled or not ----------------------------------------------------------------

    @Test
    void materializedViewLeftWithNoDataDiffersFromAFilledOne() {
        SchemaPair pair = SchemaPair.of(ROWS, "CREATE MATERIALIZED VIEW m AS SELECT a FROM t WITH NO DATA",
                "CREATE MATERIALIZED VIEW m AS SELECT a FROM t");
        assertEquals(List.of(new Change.MaterializedViewPopulationChanged("public.m", true)), pair.diff.changes());
        assertNotEquals(pair.from.fingerprint(), pair.to.fingerprint());
    }

    @Test
    void unfilledMaterializedViewIsRefreshedAndTheHazardSaysTheQueryRunsUnderItsLock() {
        Plan plan = oneWay(ROWS, "CREATE MATERIALIZED VIEW m AS SELECT a FROM t WITH NO DATA",
                "CREATE MATERIALIZED VIEW m AS SELECT a FROM t",
                (db, p) -> assertEquals(2, db.queryLong("SELECT count(*) FROM m"), p.sql()));
        assertEquals("REFRESH MATERIALIZED VIEW public.m;", plan.sql().strip().lines()
                .filter(l -> l.startsWith("REFRESH")).findFirst().orElse(plan.sql()));
        assertTrue(hasHazard(plan, Hazard.Kind.ACCESS_EXCLUSIVE_LOCK, "public.m", "runs the view's query"),
                plan.hazards().toString());
    }

    @Test
    void filledMaterializedViewIsEmptiedWithNoDataAndTheHazardSaysQueriesFailUntilARefresh() {
        Plan plan = oneWay(ROWS, "CREATE MATERIALIZED VIEW m AS SELECT a FROM t",
                "CREATE MATERIALIZED VIEW m AS SELECT a FROM t WITH NO DATA",
                (db, p) -> assertEquals("f", db.queryString("SELECT relispopulated FROM pg_class WHERE relname = 'm'")));
        assertTrue(plan.sql().contains("REFRESH MATERIALIZED VIEW public.m WITH NO DATA;"), plan.sql());
        assertTrue(hasHazard(plan, Hazard.Kind.ACCESS_EXCLUSIVE_LOCK, "public.m", "fail"), plan.hazards().toString());
        assertTrue(plan.hazards().stream().noneMatch(h -> h.kind().needsExplicitConsent()), plan.hazards().toString());
    }

    @Test
    void rebuiltMaterializedViewHoldsRowsExactlyWhenTheTargetsDoes() {
        bothWays("", "CREATE TABLE t (a int); CREATE MATERIALIZED VIEW m AS SELECT a FROM t WITH NO DATA",
                "CREATE TABLE t (a bigint); CREATE MATERIALIZED VIEW m AS SELECT a FROM t");
        bothWays("", "CREATE TABLE t (a int); CREATE MATERIALIZED VIEW m AS SELECT a FROM t WITH NO DATA",
                "CREATE TABLE t (a int); CREATE MATERIALIZED VIEW m AS SELECT a, 1 AS one FROM t");
    }
}
