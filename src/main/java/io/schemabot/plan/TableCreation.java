package io.schemabot.plan;

import io.schemabot.diff.DiffResult;
import io.schemabot.diff.TableChange;
import io.schemabot.plan.Hazard.Kind;
import io.schemabot.schema.Column;
import io.schemabot.schema.Constraint;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates the tables TO has and FROM lacks. A new partition of an existing parent locks the parent, and takes rows
 * from its DEFAULT partition if that holds any for it: a data check says whether it does.
 */
final class TableCreation {
    private final Planner planner;
    private final DiffResult diff;
    private final Snapshot from;
    private final Snapshot to;

    TableCreation(Planner planner, DiffResult diff, Snapshot from, Snapshot to) {
        this.planner = planner;
        this.diff = diff;
        this.from = from;
        this.to = to;
    }

    /** The DEFAULT partition a new partition's existing parent already has, which the new one takes rows from. */
    private Optional<Table> defaultPartition(Table partition) {
        if (partition.partitionOf() == null || from.table(partition.partitionOf()).isEmpty()
                || "DEFAULT".equals(partition.partitionBound())) {
            return Optional.empty();
        }
        return from.tables().stream().filter(d -> partition.partitionOf().equals(d.partitionOf())
                && "DEFAULT".equals(d.partitionBound())).findFirst();
    }

    /** Creates TO's new tables, parents before their partitions and children, with their comments to set. */
    void plan() {
        List<Table> added = diff.changes().stream().filter(TableChange.TableAdded.class::isInstance)
                .map(c -> to.table(c.table()).orElseThrow()).toList();
        for (Table t : parentsFirst(added)) {
            // CREATE TABLE ... PARTITION OF locks the parent exclusively
            List<Hazard> hazards = new ArrayList<>(t.partitionOf() == null ? List.of() : planner.locks(List.of(t.partitionOf())));
            defaultPartition(t).ifPresent(d -> {
                hazards.add(new Hazard(Kind.FAILS_ON_DATA, t.qualifiedName(), "fails if the default partition "
                        + d.qualifiedName() + " holds rows that belong in " + t.qualifiedName() + " (move them first)"));
                planner.checks().forNewPartition(d.qualifiedName(), from.table(t.partitionOf()).orElseThrow().partitionKey(),
                        t.partitionBound(), t.qualifiedName());
            });
            planner.step("create table " + t.qualifiedName(), Ddl.createTable(t), List.of(t.qualifiedName()), hazards);
            planner.log().record(StepLog.Effect.CREATED, t.qualifiedName());
            planner.remember("TABLE", t.qualifiedName(), t.comment());
            for (Column col : t.columns()) {
                planner.remember("COLUMN", t.qualifiedName() + "." + Sql.ident(col.name()), col.comment());
            }
            for (Constraint k : t.constraints()) {
                planner.remember("CONSTRAINT", Sql.ident(k.name()) + " ON " + t.qualifiedName(), k.comment());
            }
        }
    }

    private static List<Table> parentsFirst(List<Table> tables) {
        List<Table> pending = new ArrayList<>(tables);
        List<Table> ordered = new ArrayList<>();
        while (!pending.isEmpty()) {
            Table next = pending.stream().filter(t -> pending.stream().noneMatch(p -> p != t
                    && (p.qualifiedName().equals(t.partitionOf()) || t.inherits().contains(p.qualifiedName()))))
                    .findFirst().orElse(pending.get(0));
            ordered.add(next);
            pending.remove(next);
        }
        return ordered;
    }
}
