package io.schemabot.plan;

import io.schemabot.diff.ObjectChange;
import io.schemabot.plan.Hazard.Kind;
import io.schemabot.schema.Snapshot;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Enum labels can be added in place (ALTER TYPE ... ADD VALUE, at any position). Removing or reordering a label
 * has no statement: {@link EnumRecreation} makes the type anew instead.
 */
final class EnumLabels {
    private static final String LABEL_STEP = "add labels to enum ";

    private EnumLabels() {
    }

    static void plan(Planner planner, ObjectChange.EnumLabelsChanged c) {
        List<String> before = c.from();
        List<String> after = c.to();
        if (EnumRecreation.needed(c)) {
            EnumRecreation.plan(planner, c);
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
        planner.step(LABEL_STEP + c.type(), String.join("\n", sql), c.type());
    }

    /**
     * A label added with ADD VALUE cannot be used before COMMIT, and a plan is one transaction. When a step uses
     * one, the plan only adds the labels: every other step is left as comments for a second plan, and the label
     * step carries a BLOCKING hazard that says so.
     */
    static void blockUseInSamePlan(List<Step> steps, List<ObjectChange.EnumLabelsChanged> changes, Snapshot to) {
        List<String> uses = new ArrayList<>();
        for (ObjectChange.EnumLabelsChanged c : changes) {
            if (EnumRecreation.needed(c)) {
                continue; // a type created in this transaction may use its labels at once
            }
            NewLabelUses finder = new NewLabelUses(c.type(), to);
            for (String label : c.to().stream().filter(l -> !c.from().contains(l)).toList()) {
                for (Step step : steps) {
                    String use = isLabelStep(step) ? null : finder.use(step.sql(), label);
                    if (use != null) {
                        uses.add("ALTER TYPE " + c.type() + " ADD VALUE " + Sql.literal(label) + " (needed by " + use
                                + " in step '" + step.title() + "')");
                    }
                }
            }
        }
        if (uses.isEmpty()) {
            return;
        }
        Hazard blocked = new Hazard(Kind.BLOCKING, "enum labels", "PostgreSQL refuses an enum label added in the"
                + " same transaction: this plan only runs " + String.join("; ", uses) + ". Run it, then plan again"
                + " for the rest, which is shown as comments.");
        boolean first = true;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (!isLabelStep(step)) {
                steps.set(i, new Step(step.title() + " (after the labels are committed)",
                        step.sql().lines().map(l -> "-- " + l).collect(Collectors.joining("\n")), step.objects(),
                        List.of())); // it does not run, so neither do its hazards
            } else if (first) {
                List<Hazard> hazards = new ArrayList<>(step.hazards());
                hazards.add(blocked);
                steps.set(i, new Step(step.title(), step.sql(), step.objects(), hazards, step.conversions()));
                first = false;
            }
        }
    }

    private static boolean isLabelStep(Step step) {
        return step.title().startsWith(LABEL_STEP);
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
