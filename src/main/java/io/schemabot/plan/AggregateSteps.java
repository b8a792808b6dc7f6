package io.schemabot.plan;

import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.schema.Aggregate;
import io.schemabot.schema.Snapshot;

/**
 * Aggregates: dropped once the views using them are gone, created (or replaced) after the routines they call and
 * before the views that use them come back. CREATE OR REPLACE AGGREGATE keeps what uses the aggregate but cannot
 * change its result type, nor survive a support function being dropped and created again: then the aggregate
 * is dropped with the views (see {@link Reshaped}) and created again.
 */
final class AggregateSteps {
    private final Planner planner;
    private final DiffResult diff;
    private final Snapshot from;
    private final Snapshot to;
    private final Reshaped reshaped;

    AggregateSteps(Planner planner, DiffResult diff, Snapshot from, Snapshot to, Reshaped reshaped) {
        this.planner = planner;
        this.diff = diff;
        this.from = from;
        this.to = to;
        this.reshaped = reshaped;
    }

    void drop() {
        for (Change c : diff.changes()) {
            if (c instanceof Change.AggregateDropped d) {
                planner.step("drop aggregate " + d.aggregate(), "DROP AGGREGATE " + d.aggregate() + ";", d.aggregate());
            }
        }
        for (Aggregate a : reshaped.aggregates) {
            planner.step("set aside aggregate " + a.signature() + " (" + why(a) + "; created again below)",
                    "DROP AGGREGATE " + a.signature() + ";", a.signature());
        }
    }

    void createAndReplace() {
        for (Change c : diff.changes()) {
            if (c instanceof Change.AggregateAdded a) {
                Aggregate after = aggregate(to, a.aggregate());
                planner.step("create aggregate " + a.aggregate(), after.definition() + ";", a.aggregate());
                planner.remember("AGGREGATE", a.aggregate(), after.comment());
            } else if (c instanceof Change.AggregateChanged changed && !reshaped.rebuilds(changed.aggregate())) {
                planner.step("replace aggregate " + changed.aggregate(), aggregate(to, changed.aggregate()).definition()
                        .replaceFirst("^CREATE ", "CREATE OR REPLACE ") + ";", changed.aggregate());
            }
        }
        for (Aggregate before : reshaped.aggregates) {
            Aggregate after = aggregate(to, before.signature());
            String sql = after.definition() + ";";
            if (before.access() != null) {
                sql += "\n" + Ddl.restoreAccess(after, before.access());
            }
            planner.step("create aggregate " + after.signature() + " again", sql, after.signature());
            planner.remember("AGGREGATE", after.signature(), after.comment());
        }
    }

    private String why(Aggregate a) {
        return a.result().equals(aggregate(to, a.signature()).result()) ? "a support function it uses is replaced"
                : "its result type changes";
    }

    private static Aggregate aggregate(Snapshot s, String signature) {
        return s.aggregates().stream().filter(a -> a.signature().equals(signature)).findFirst().orElseThrow();
    }
}
