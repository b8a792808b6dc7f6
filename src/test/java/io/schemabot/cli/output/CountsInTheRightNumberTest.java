package io.schemabot.cli.output;

import io.schemabot.plan.Plan;
import io.schemabot.plan.Planner;
import io.schemabot.testing.SchemaPair;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A count of one takes the singular: "1 view", never "1 views". */
class CountsInTheRightNumberTest {
    private static final SchemaPair ONE_OF_EACH = SchemaPair.of("",
            "CREATE TABLE t (id int, c int); CREATE INDEX t_c ON t (c); CREATE VIEW v AS SELECT id FROM t;"
                    + " CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';",
            "CREATE TABLE t (id int, c int); CREATE INDEX t_c ON t (c); CREATE VIEW v AS SELECT id FROM t;"
                    + " CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'; CREATE TABLE u (id int);");

    @Test
    void snapshotText_oneOfEachKind_isSingular() {
        String text = SnapshotText.render(ONE_OF_EACH.from);
        assertTrue(text.contains("\n1 table, 1 view, 1 function, 1 index\n"), text);
    }

    @Test
    void planText_oneStep_isSingular() {
        Plan plan = Planner.plan(ONE_OF_EACH.diff, ONE_OF_EACH.from, ONE_OF_EACH.to);
        String text = PlanReport.text(plan);
        assertTrue(text.contains(": 1 step in one"), text);
    }

    @Test
    void diffText_oneDifference_isSingular() {
        String text = DiffReport.text(ONE_OF_EACH.diff, "a", "b");
        assertTrue(text.startsWith("1 difference from a to b\n"), text);
    }
}
