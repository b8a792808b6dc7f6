package io.schemabot.plan;

import io.schemabot.diff.TableChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.plan.Hazard.Kind;
import io.schemabot.schema.Constraint;
import io.schemabot.schema.Index;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keys, checks and indexes of tables that stay: dropped early when they go or change, added and built again once
 * the tables and their columns are as TO has them (foreign keys have ForeignKeySteps; partition indexes that
 * attach by name have PartitionIndexes).
 */
final class KeyAndIndexSteps {
    private final Planner planner;
    private final DiffResult diff;
    private final Snapshot from;
    private final Snapshot to;
    private final Dependents dependents;
    private final PartitionIndexes partitionIndexes;
    private final Set<String> viewsReplaced;

    KeyAndIndexSteps(Planner planner, DiffResult diff, Snapshot from, Snapshot to, Dependents dependents,
                     PartitionIndexes partitionIndexes, Set<String> viewsReplaced) {
        this.planner = planner;
        this.diff = diff;
        this.from = from;
        this.to = to;
        this.dependents = dependents;
        this.partitionIndexes = partitionIndexes;
        this.viewsReplaced = viewsReplaced;
    }

    /** Drops the keys, checks and indexes that go or change, except where their table or view goes anyway. */
    void drop() {
        Set<String> dropped = changes(TableChange.TableDropped.class).stream().map(Change::table)
                .collect(Collectors.toSet());
        // dropping a table or materialized view drops its indexes and constraints with it
        dependents.viewsToDrop().forEach(v -> dropped.add(v.qualifiedName()));
        for (Change c : diff.changes()) {
            if (partitionIndexes.replaces(c)) {
                continue;
            }
            if (c instanceof TableChange.ConstraintDropped d && !d.type().equals("FOREIGN_KEY")
                    && !dropped.contains(d.table())) {
                planner.step("drop constraint " + d.constraint() + " on " + d.table(),
                        Ddl.dropConstraint(d.table(), d.constraint()), d.object(), planner.lock(d.table()));
                planner.log().record(StepLog.Effect.DROPPED, d.object());
            } else if (c instanceof TableChange.ConstraintChanged d) {
                planner.step("drop constraint " + d.constraint() + " on " + d.table() + " (re-added below)",
                        Ddl.dropConstraint(d.table(), d.constraint()), d.object(), planner.lock(d.table()));
                planner.log().record(StepLog.Effect.DROPPED, d.object());
            } else if ((c instanceof TableChange.IndexDropped || c instanceof TableChange.IndexChanged)
                    && !dropped.contains(c.table())) {
                planner.step("drop index " + c.object() + (c instanceof TableChange.IndexChanged ? " (recreated below)" : ""),
                        "DROP INDEX " + c.object() + ";", c.object(), planner.lock(c.table()));
                planner.log().record(StepLog.Effect.DROPPED, c.object());
            }
        }
    }

    /** Adds the keys and checks that are new or changed (not foreign keys), after the tables exist. */
    void addConstraints() {
        for (TableChange.TableAdded added : changes(TableChange.TableAdded.class)) {
            Table t = to.table(added.table()).orElseThrow();
            for (Constraint k : t.constraints()) {
                if (k.type() != Constraint.Type.FOREIGN_KEY && !Ddl.inlineInCreateTable(k)) {
                    planner.step("add constraint " + Sql.ident(k.name()) + " on " + t.qualifiedName(),
                            Ddl.addConstraint(t.qualifiedName(), k), t.qualifiedName() + "." + Sql.ident(k.name()));
                }
            }
        }
        for (Change c : diff.changes()) {
            String table;
            String name;
            if (partitionIndexes.replaces(c)) {
                continue;
            } else if (c instanceof TableChange.ConstraintAdded a && !a.type().equals("FOREIGN_KEY")) {
                table = a.table();
                name = a.constraint();
            } else if (c instanceof TableChange.ConstraintChanged a) {
                table = a.table();
                name = a.constraint();
            } else {
                continue;
            }
            if (planner.log().did(StepLog.Effect.CREATED, table)) {
                continue; // created with its table
            }
            Constraint k = constraint(to, table, name);
            if (Detachments.keeps(from, to, table, k)) {
                continue; // the detached partition keeps its copy of its parent's constraint
            }
            List<Hazard> hazards = new ArrayList<>(List.of(planner.lock(table)));
            if (k.type() != Constraint.Type.CHECK || k.validated()) {
                hazards.add(new Hazard(Kind.FAILS_ON_DATA, table + "." + name, "fails if existing rows violate "
                        + k.definition()));
                planner.checks().forNewConstraint(table, k);
            }
            if (k.type() == Constraint.Type.PRIMARY_KEY || k.type() == Constraint.Type.UNIQUE
                    || k.type() == Constraint.Type.EXCLUSION) {
                hazards.add(new Hazard(Kind.INDEX_BUILD, table + "." + name, "builds an index on " + table
                        + planner.size(table)));
            }
            planner.step("add constraint " + name + " on " + table, Ddl.addConstraint(table, k),
                    List.of(table + "." + name), hazards);
            planner.remember("CONSTRAINT", name + " ON " + table, k.comment());
        }
    }

    static Constraint constraint(Snapshot s, String table, String quotedName) {
        return s.table(table).orElseThrow().constraints().stream()
                .filter(c -> Sql.ident(c.name()).equals(quotedName)).findFirst().orElseThrow();
    }

    /** Creates the indexes that are new or changed, but those a recreated materialized view builds itself. */
    void createIndexes() {
        Set<String> recreatedViews = viewsReplaced;
        for (Change c : diff.changes()) {
            if ((c instanceof TableChange.IndexAdded || c instanceof TableChange.IndexChanged) && !partitionIndexes.replaces(c)) {
                if (recreatedViews.contains(c.table())) {
                    continue; // built with its materialized view below
                }
                Index index = index(to, c.object());
                boolean newTable = planner.log().did(StepLog.Effect.CREATED, c.table());
                List<Hazard> hazards = new ArrayList<>();
                if (!newTable) {
                    hazards.add(new Hazard(Kind.INDEX_BUILD, c.object(), "builds the index while writes to "
                            + c.table() + planner.size(c.table()) + " wait"));
                    if (index.unique()) {
                        hazards.add(new Hazard(Kind.FAILS_ON_DATA, c.object(), "fails if existing rows are not unique"));
                        planner.checks().forNewUniqueIndex(c.table(), index);
                    }
                }
                planner.step("create index " + c.object(), Ddl.statement(index.creation()), List.of(c.object()), hazards);
                planner.remember("INDEX", c.object(), index.comment());
            }
        }
    }

    private static Index index(Snapshot s, String qualifiedName) {
        return s.indexes().stream().filter(i -> i.qualifiedName().equals(qualifiedName)).findFirst().orElseThrow();
    }

    private <T extends Change> List<T> changes(Class<T> kind) {
        return diff.changes().stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
