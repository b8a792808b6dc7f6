package io.schemabot.plan;

import io.schemabot.testing.PlanRoundTrip;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 17, point 1: new columns are added in the target's order, so the repaired table reads as the target does. */
class ColumnOrderTest {
    private static final String ORDER = "SELECT string_agg(column_name, ',' ORDER BY ordinal_position)"
            + " FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 't'";

    @Test
    void newColumnsAreAddedInTheTargetsOrder_notByName() {
        PlanRoundTrip.oneWay("", "CREATE TABLE t (id int);", "CREATE TABLE t (id int, z int, a int, m int);",
                (db, plan) -> assertEquals("id,z,a,m", db.queryString(ORDER), plan.sql()));
    }
}
