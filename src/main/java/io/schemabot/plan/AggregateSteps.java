package io.schemabot.plan;

import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.schema.Aggregate;
import io.schemabot.schema.Snapshot;

/**
 * Aggregates: dropped once the views using them are gone, created (or replaced) after the routines they call and
 * before the views that use them come back. CREATE OR REPLACE AGGREGATE keeps what uses the aggregate but cannot
 * change its result type; then it is dropped and created again.
 */
final class AggregateSteps {
    private final Planner planner;
    private final DiffResult diff;
    private final Snapshot from;
    private final Snapshot to;

    AggregateSteps(Planner planner, DiffResult diff, Snapshot from, Snapshot to) {
        this.planner = planner;
        this.diff = diff;
        this.from = from;
        this.to = to;
    }

    void drop() {
        for (Change c : diff.changes()) {
            if (c instanceof Change.AggregateDropped d) {
                planner.step("drop aggregate " + d.aggregate(), "DROP AGGREGATE " + d.aggregate() + ";", d.aggregate());
            }
        }
    }

    void createAndReplace() {
        for (Change c : diff.changes()) {
            if (c instanceof Change.AggregateAdded a) {
                Aggregate after = aggregate(to, a.aggregate());
                planner.step("create aggregate " + a.aggregate(), after.definition() + ";", a.aggregate());
                planner.remember("AGGREGATE", a.aggregate(), after.comment());
            } else if (c instanceof Change.AggregateChanged changed) {
                Aggregate before = aggregate(from, changed.aggregate());
                Aggregate after = aggregate(to, changed.aggregate());
                if (before.result().equals(after.result())) {
                    planner.step("replace aggregate " + changed.aggregate(),
                            after.definition().replaceFirst("^CREATE ", "CREATE OR REPLACE ") + ";", changed.aggregate());
                } else {
                    planner.step("drop and create aggregate " + changed.aggregate() + " (its result type changes)",
                            "DROP AGGREGATE " + changed.aggregate() + ";\n" + after.definition() + ";", changed.aggregate());
                    planner.remember("AGGREGATE", changed.aggregate(), after.comment());
                }
            }
        }
    }

    private static Aggregate aggregate(Snapshot s, String signature) {
        return s.aggregates().stream().filter(a -> a.signature().equals(signature)).findFirst().orElseThrow();
    }
}
