package io.schemabot.plan;

import io.schemabot.diff.TableChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.plan.Hazard.Kind;
import io.schemabot.schema.PartitionTriggers;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Enables or disables a partition's copy of its parent's trigger, after the triggers exist: where TO's state
 * differs from FROM's, and where this plan made the copy again (the parent's trigger created again, or the partition
 * attached again), since a new copy takes its parent's state and would lose the one TO gives it.
 */
final class PartitionTriggerStates {
    private PartitionTriggerStates() {
    }

    static void plan(Planner planner, DiffResult diff, Snapshot from, Snapshot to) {
        Set<String> changed = diff.changes().stream().filter(c -> c instanceof TableChange.PartitionTriggerStateChanged)
                .map(Change::object).collect(Collectors.toSet());
        for (Table t : to.tables()) {
            String table = t.qualifiedName();
            Set<String> names = new TreeSet<>(t.triggerStates().keySet());
            from.table(table).ifPresent(was -> names.addAll(was.triggerStates().keySet()));
            for (String name : names) {
                String key = table + "." + Sql.ident(name);
                String state = PartitionTriggers.state(to, table, name);
                boolean remade = t.triggerStates().containsKey(name) && madeAgain(planner, to, t, name);
                if (state != null && (changed.contains(key) || remade)) {
                    String clause = PartitionTriggers.clause(state);
                    List<Hazard> hazards = from.table(table).isEmpty() ? List.of() : List.of(new Hazard(
                            Kind.WRITE_LOCK, table, "holds off writes to " + table + " (not reads) until COMMIT"));
                    planner.step(clause.toLowerCase(java.util.Locale.ROOT) + " trigger " + Sql.ident(name)
                                    + " on partition " + table,
                            "ALTER TABLE " + table + " " + clause + " TRIGGER " + Sql.ident(name) + ";",
                            List.of(key), hazards);
                }
            }
        }
    }

    /** Whether an earlier step made the partition's copy again: it touched the trigger up the tree, or attached it. */
    private static boolean madeAgain(Planner planner, Snapshot to, Table partition, String name) {
        List<String> ancestors = new ArrayList<>();
        for (Table t = partition; t != null && t.partitionOf() != null; t = to.table(t.partitionOf()).orElse(null)) {
            ancestors.add(t.partitionOf() + "." + Sql.ident(name));
        }
        return planner.log().did(StepLog.Effect.ATTACHED, partition.qualifiedName())
                || planner.log().inTransaction().stream().anyMatch(s -> s.objects().stream().anyMatch(ancestors::contains));
    }
}
