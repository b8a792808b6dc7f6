package io.schemabot.plan;

import io.schemabot.diff.TableChange;
import io.schemabot.diff.Change;
import io.schemabot.plan.Hazard.Kind;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The last guard of a plan: a change of the diff that no step answers for (by its object or its table) would
 * otherwise pass silently, leaving an empty or incomplete plan that looks safe; it is blocked by name instead.
 */
final class Unplanned {
    private Unplanned() {
    }

    /**
     * {@code created} are the tables and views this plan creates or rebuilds: they come with everything TO gives
     * them. Elsewhere a step on a table answers for what it takes along (a dropped column's indexes), but never
     * for a column's settings, which only a step naming that column makes.
     */
    static void block(List<Step> steps, List<Change> changes, Set<String> created) {
        Set<String> covered = new HashSet<>();
        steps.forEach(s -> covered.addAll(s.objects()));
        List<Change> missed = changes.stream().filter(c -> !covered.contains(c.object())
                && (c.table() == null || !covered.contains(c.table())
                    || c instanceof TableChange.ColumnSettingsChanged && !created.contains(c.table()))).toList();
        if (missed.isEmpty()) {
            return;
        }
        List<String> objects = new ArrayList<>();
        List<Hazard> hazards = new ArrayList<>();
        StringBuilder sql = new StringBuilder("-- BLOCKED: schemabot has no step for these changes; make them by hand");
        for (Change c : missed) {
            String what = c.describe().replaceAll("\\s+", " ");
            objects.add(c.object());
            hazards.add(new Hazard(Kind.BLOCKING, c.object(), "no step of this plan makes the change (" + what
                    + "); make it by hand after the plan, then compare again"));
            sql.append('\n').append(Sql.comment("  " + c.object() + ": " + what));
        }
        steps.add(new Step("changes this plan cannot make", sql.toString(), objects, hazards));
    }
}
