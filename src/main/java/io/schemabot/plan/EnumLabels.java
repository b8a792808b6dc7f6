package io.schemabot.plan;

import io.schemabot.diff.Change;
import io.schemabot.plan.Step;
import io.schemabot.plan.Hazard.Kind;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Enum labels can only be added (ALTER TYPE ... ADD VALUE, at any position). Removing or reordering a label
 * is blocked with the manual steps, since PostgreSQL has no statement for it.
 */
final class EnumLabels {
    private EnumLabels() {
    }

    static void plan(Planner planner, Change.EnumLabelsChanged c) {
        List<String> before = c.from();
        List<String> after = c.to();
        List<String> kept = after.stream().filter(before::contains).toList();
        if (!kept.equals(before)) {
            List<String> removed = before.stream().filter(l -> !after.contains(l)).toList();
            String what = removed.isEmpty() ? "reorders labels" : "removes " + removed;
            planner.step("enum " + c.type() + " cannot be changed in place",
                    "-- BLOCKED: " + c.type() + " " + what + ". Manually: ALTER TYPE " + c.type()
                            + " RENAME TO old; create the type anew with " + after + "; ALTER every column of it"
                            + " TYPE the new type USING col::text::new; DROP TYPE old.",
                    c.type(), new Hazard(Kind.BLOCKING, c.type(), "PostgreSQL cannot remove or reorder enum labels ("
                            + what + "); rows holding a removed label must be changed first"));
            return;
        }
        List<String> sql = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            String label = after.get(i);
            if (before.contains(label)) {
                continue;
            }
            String anchor = nextExisting(after, before, i);
            sql.add("ALTER TYPE " + c.type() + " ADD VALUE " + Sql.literal(label)
                    + (anchor == null ? "" : " BEFORE " + Sql.literal(anchor)) + ";");
        }
        planner.step("add labels to enum " + c.type(), String.join("\n", sql), c.type());
    }

    /**
     * A label added with ADD VALUE cannot be used before COMMIT. When a later step of the same plan uses one (a
     * default, a check), the ADD VALUE step is marked BLOCKING with the way out instead of failing mid-way.
     */
    static void blockUseInSamePlan(List<Step> steps, List<Change.EnumLabelsChanged> changes) {
        for (Change.EnumLabelsChanged c : changes) {
            List<String> added = c.to().stream().filter(l -> !c.from().contains(l)).toList();
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                if (!step.title().equals("add labels to enum " + c.type())) {
                    continue;
                }
                for (String label : added) {
                    boolean used = steps.stream().filter(s -> s != step)
                            .anyMatch(s -> s.sql().contains(Sql.literal(label) + "::" + c.type()));
                    if (used) {
                        List<Hazard> hazards = new ArrayList<>(step.hazards());
                        hazards.add(new Hazard(Kind.BLOCKING, c.type(), "the new label " + Sql.literal(label)
                                + " is used by a later step, and PostgreSQL refuses a new enum label before COMMIT:"
                                + " run this step's ALTER TYPE alone first, then plan again"));
                        steps.set(i, new Step(step.title(), step.sql(), step.objects(), hazards));
                    }
                }
            }
        }
    }

    /** The first label after position i that already exists, to insert before; null appends. */
    private static String nextExisting(List<String> after, List<String> before, int i) {
        for (int j = i + 1; j < after.size(); j++) {
            if (before.contains(after.get(j))) {
                return after.get(j);
            }
        }
        return null;
    }
}
