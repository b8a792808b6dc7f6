package io.schemabot.plan;

import io.schemabot.testing.PlanRoundTrip;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 17, point 4: a partition created by the plan keeps a NOT NULL of its own that its parent does not have. */
class PartitionNotNullTest {
    @Test
    void aPartitionsOwnNotNull_survivesItsCreation() {
        String parent = "CREATE TABLE p (a int, b int) PARTITION BY RANGE (a);";
        Plan plan = PlanRoundTrip.oneWay(parent, "", "CREATE TABLE p1 PARTITION OF p (b NOT NULL) FOR VALUES FROM (0) TO (10);",
                (db, applied) -> assertEquals("NO", db.queryString("SELECT is_nullable FROM information_schema.columns"
                        + " WHERE table_name = 'p1' AND column_name = 'b'"), applied.sql()));
        assertTrue(plan.sql().contains("b WITH OPTIONS NOT NULL"), plan.sql());
    }
}
