package io.schemabot.plan;

import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.plan.Hazard.Kind;

import java.util.Set;

/** Fills or empties materialized views that stay, so each holds rows exactly when TO's does. */
final class MaterializedViewData {
    private MaterializedViewData() {
    }

    /** {@code replaced} views are created with TO's state already. */
    static void plan(Planner planner, DiffResult diff, Set<String> replaced) {
        for (Change c : diff.changes()) {
            if (c instanceof Change.MaterializedViewPopulationChanged p && !replaced.contains(p.view())) {
                if (p.populated()) {
                    // CONCURRENTLY is refused on a view that was never filled, so the plain form it is
                    planner.step("fill materialized view " + p.view(), "REFRESH MATERIALIZED VIEW " + p.view() + ";",
                            p.view(), new Hazard(Kind.ACCESS_EXCLUSIVE_LOCK, p.view(), "REFRESH runs the view's query"
                                    + " inside the transaction: " + p.view() + " is locked against readers, and every"
                                    + " lock the plan holds by then lasts, as long as the query takes"));
                } else {
                    planner.step("empty materialized view " + p.view() + " (its rows are derived: no data is lost)",
                            "REFRESH MATERIALIZED VIEW " + p.view() + " WITH NO DATA;", p.view(),
                            new Hazard(Kind.ACCESS_EXCLUSIVE_LOCK, p.view(), "queries on " + p.view() + " fail from"
                                    + " COMMIT until someone refreshes it; readers wait until COMMIT"));
                }
            }
        }
    }
}
