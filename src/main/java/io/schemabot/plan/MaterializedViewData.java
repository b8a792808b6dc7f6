package io.schemabot.plan;

import io.schemabot.diff.ObjectChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.plan.Hazard.Kind;
import io.schemabot.schema.View;

import java.util.Set;

/** Fills materialized views that stay but hold no rows where TO's do. */
final class MaterializedViewData {
    private MaterializedViewData() {
    }

    /** {@code replaced} views are filled as they are created. */
    static void plan(Planner planner, DiffResult diff, Set<String> replaced) {
        for (Change c : diff.changes()) {
            if (c instanceof ObjectChange.MaterializedViewNotPopulated p && !replaced.contains(p.view())) {
                refresh(planner, p.view(), "fill materialized view " + p.view());
            }
        }
    }

    /** REFRESH, which runs the view's query as the view's owner. */
    static void refresh(Planner planner, String view, String title) {
        // CONCURRENTLY is refused on a view that was never filled, so the plain form it is
        planner.step(title, "REFRESH MATERIALIZED VIEW " + view + ";", view, new Hazard(Kind.ACCESS_EXCLUSIVE_LOCK,
                view, "REFRESH runs the view's query inside the transaction: " + view + " is locked against"
                        + " readers, and every lock the plan holds by then lasts, as long as the query takes"));
    }

    /**
     * Whether a view the plan creates in TO's shape holds rows: when TO's does, or when production's did (a
     * migration's WITH NO DATA must not empty a view the application reads).
     */
    static boolean filledWhenRebuilt(View old, View next) {
        return next.materialized() && (!next.unpopulated() || old != null && old.materialized() && !old.unpopulated());
    }
}
