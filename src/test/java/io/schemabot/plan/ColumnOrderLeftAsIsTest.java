package io.schemabot.plan;

import io.schemabot.diff.TableChange;
import io.schemabot.diff.DiffResult;
import io.schemabot.diff.SchemaDiff;
import io.schemabot.testing.PlanRoundTrip;
import io.schemabot.testing.SchemaPair;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, point 10: the order of columns both sides have is not planned (reordering rewrites the table under an
 * exclusive lock for looks alone), but the diff reports it as cosmetic and the plan names it as left as is.
 */
class ColumnOrderLeftAsIsTest {
    private static final String NOTE = "column order of public.t (cosmetic; changing it rewrites the table)";

    @Test
    void columnsInAnotherOrder_leaveAnEmptyPlanThatNamesThem() {
        Plan plan = PlanRoundTrip.oneWay("", "CREATE TABLE t (a int, b int, c int);", "CREATE TABLE t (a int, c int, b int);");
        assertTrue(plan.isEmpty(), plan.sql());
        assertEquals(List.of(NOTE), plan.notes());
        assertTrue(plan.sql().contains("\n-- left as is: " + NOTE + "\n"), plan.sql());
    }

    @Test
    void columnsInAnotherOrder_areACosmeticDifference_notAChange() {
        DiffResult diff = SchemaPair.of("", "CREATE TABLE t (a int, b int, c int);",
                "CREATE TABLE t (a int, c int, b int);").diff;
        assertTrue(diff.isEmpty(), diff.changes().toString());
        assertEquals(List.of(new TableChange.ColumnOrderDiffers("public.t", List.of("a", "b", "c"), List.of("a", "c", "b"))),
                diff.cosmetic());
        assertEquals("columns of public.t are in another order (a, b, c; expected a, c, b): cosmetic, not planned",
                diff.cosmetic().get(0).describe());
    }

    @Test
    void newColumnsAtTheEndAndDroppedColumns_leaveTheOrderAlone() {
        Plan plan = PlanRoundTrip.oneWay("", "CREATE TABLE t (a int, gone int, b int);",
                "CREATE TABLE t (a int, b int, fresh int, later int);");
        assertEquals(List.of(), plan.notes());
        assertTrue(!plan.sql().contains("left as is"), plan.sql());
    }

    @Test
    void aNewColumnBetweenOthers_isNoted_forThePlanAddsItAtTheEnd() {
        SchemaPair pair = SchemaPair.of("", "CREATE TABLE t (a int, b int);", "CREATE TABLE t (a int, x int, b int);");
        assertEquals(List.of(new TableChange.ColumnOrderDiffers("public.t", List.of("a", "b", "x"), List.of("a", "x", "b"))),
                pair.diff.cosmetic());
        Plan plan = PlanRoundTrip.oneWay("", "CREATE TABLE t (a int, b int);", "CREATE TABLE t (a int, x int, b int);",
                (db, applied) -> assertEquals(pair.diff.cosmetic(), SchemaDiff.between(db.snapshot(), pair.to).cosmetic()));
        assertEquals(List.of(NOTE), plan.notes());
        assertEquals(1, plan.steps().size(), plan.sql());
    }

    @Test
    void aPlanWithANote_isStoredAndReadBackWithTheSameHash() {
        Plan plan = PlanRoundTrip.oneWay("", "CREATE TABLE t (a int, b int);", "CREATE TABLE t (a int, x int, b int);");
        Plan read = PlanJson.read(PlanJson.write(plan));
        assertEquals(plan.notes(), read.notes());
        assertEquals(plan.hash(), read.hash());
    }
}
