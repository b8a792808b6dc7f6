package io.schemabot.plan;

import io.schemabot.diff.ObjectChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.schema.Aggregate;
import io.schemabot.schema.Snapshot;

import java.util.Set;
import java.util.stream.Collectors;

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
    /** Signatures of the aggregates {@link ViewSteps} drops and creates, as TO has them. */
    private final Set<String> setAsideWithViews;

    AggregateSteps(Planner planner, DiffResult diff, Snapshot from, Snapshot to, Dependents dependents) {
        this.planner = planner;
        this.diff = diff;
        this.from = from;
        this.to = to;
        this.reshaped = dependents.reshaped;
        this.setAsideWithViews = dependents.aggregatesToSetAside().stream().map(Aggregate::signature)
                .collect(Collectors.toSet());
    }

    void drop() {
        for (Change c : diff.changes()) {
            if (c instanceof ObjectChange.AggregateDropped d) {
                planner.step("drop aggregate " + d.aggregate(), "DROP AGGREGATE " + d.aggregate() + ";", d.aggregate());
            }
        }
        for (Aggregate a : reshaped.aggregates) {
            setAside(planner, a, why(a));
        }
    }

    static void setAside(Planner planner, Aggregate a, String why) {
        planner.step("set aside aggregate " + a.signature() + " (" + why + "; created again below)",
                "DROP AGGREGATE " + a.signature() + ";", a.signature());
    }

    /** TO's version of an aggregate set aside, with production's owner and grants. */
    static void createAgain(Planner planner, Aggregate before, Snapshot to) {
        Aggregate after = aggregate(to, before.signature());
        String sql = after.definition() + ";";
        if (before.access() != null) {
            sql += "\n" + Ddl.restoreAccess(after, before.access());
        }
        planner.step("create aggregate " + after.signature() + " again", sql, after.signature());
        planner.remember("AGGREGATE", after.signature(), after.comment());
    }

    void createAndReplace() {
        for (Change c : diff.changes()) {
            if (c instanceof ObjectChange.AggregateAdded a) {
                Aggregate after = aggregate(to, a.aggregate());
                planner.step("create aggregate " + a.aggregate(), after.definition() + ";", a.aggregate());
                planner.remember("AGGREGATE", a.aggregate(), after.comment());
            } else if (c instanceof ObjectChange.AggregateChanged changed && !reshaped.rebuilds(changed.aggregate())
                    && !setAsideWithViews.contains(changed.aggregate())) {
                planner.step("replace aggregate " + changed.aggregate(), aggregate(to, changed.aggregate()).definition()
                        .replaceFirst("^CREATE ", "CREATE OR REPLACE ") + ";", changed.aggregate());
            }
        }
        for (Aggregate before : reshaped.aggregates) {
            createAgain(planner, before, to);
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
