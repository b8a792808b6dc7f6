package io.schemabot.plan;

import io.schemabot.diff.TableChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.plan.Hazard.Kind;
import io.schemabot.schema.Constraint;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Drops the tables TO does not have. Most go late, once nothing the plan still runs needs them; those holding an
 * index or key name that a new table's CREATE TABLE takes (a table renamed in the migrations keeps its constraint
 * names, and index names are relations of the schema) go just before the tables are created. A dropped table whose
 * columns and constraint names a new one has is named as a likely rename: the plan does not guess it, since
 * keeping rows the migrations meant to drop is as wrong as losing rows they meant to keep.
 */
final class TableDrops {
    private final Planner planner;
    private final Snapshot from;
    private final Snapshot to;
    private final List<String> dropped;
    private final List<String> added;
    private final Set<String> goneEarly = new LinkedHashSet<>();

    TableDrops(Planner planner, DiffResult diff, Snapshot from, Snapshot to) {
        this.planner = planner;
        this.from = from;
        this.to = to;
        this.dropped = diff.changes().stream().filter(TableChange.TableDropped.class::isInstance).map(Change::table).toList();
        this.added = diff.changes().stream().filter(TableChange.TableAdded.class::isInstance).map(Change::table).toList();
    }

    /** Drops the tables whose index or key names a table this plan creates takes, with what descends from them. */
    void beforeCreatingTables(RoutineSteps routines) {
        Set<String> taken = new LinkedHashSet<>();
        added.forEach(t -> taken.addAll(relationNames(to, t)));
        dropped.stream().filter(t -> relationNames(from, t).stream().anyMatch(taken::contains)).forEach(goneEarly::add);
        // with them go the dropped tables DROP TABLE would refuse to leave behind: their partitions and children,
        // and those whose foreign keys reference them
        boolean grew = !goneEarly.isEmpty();
        while (grew) {
            Set<String> more = new LinkedHashSet<>();
            for (String t : goneEarly) {
                more.addAll(planner.descendants(t).stream().filter(dropped::contains).toList());
            }
            for (String t : dropped) {
                if (from.table(t).map(x -> x.foreignKeys().stream().anyMatch(fk -> goneEarly.contains(fk.refTable())))
                        .orElse(false)) {
                    more.add(t);
                }
            }
            grew = goneEarly.addAll(more);
        }
        if (!goneEarly.isEmpty()) {
            routines.dropTiedTo(goneEarly);
            drop(List.copyOf(goneEarly), "drop tables whose index or key names new tables take");
        }
    }

    /** Drops the others. */
    void rest() {
        List<String> late = dropped.stream().filter(t -> !goneEarly.contains(t)).toList();
        if (!late.isEmpty()) {
            drop(late, "drop tables not expected");
        }
    }

    private void drop(List<String> names, String title) {
        // One statement: tables that reference each other go together; partitions go with their parent.
        List<String> roots = names.stream().filter(n -> from.table(n).map(t -> t.partitionOf() == null
                || !names.contains(t.partitionOf())).orElse(true)).toList();
        List<Hazard> hazards = new ArrayList<>();
        List<String> neighbours = new ArrayList<>();
        for (String n : names) {
            hazards.add(new Hazard(Kind.DATA_LOSS, n, "drops table " + n + planner.size(n) + " and its rows"
                    + renamedAs(n).map(t -> "; " + t + " looks like " + n + " renamed (same columns and constraint"
                    + " names): to keep the rows, run ALTER TABLE " + n + " RENAME TO "
                    + Sql.ident(to.table(t).orElseThrow().name()) + " and plan again").orElse("")));
            from.table(n).ifPresent(t -> {
                neighbours.add(t.partitionOf());
                t.foreignKeys().forEach(fk -> neighbours.add(fk.refTable()));
            });
        }
        // a partition's parent, and the tables its foreign keys reference, are locked while it goes
        hazards.addAll(planner.locks(neighbours.stream().filter(n -> n != null && !names.contains(n)).toList()));
        planner.step(title, "DROP TABLE " + String.join(", ", roots) + ";", names, hazards);
    }

    /** A table this plan creates in the same schema with the dropped one's columns and constraint names. */
    private Optional<String> renamedAs(String droppedTable) {
        Table old = from.table(droppedTable).orElseThrow();
        return added.stream().map(n -> to.table(n).orElseThrow())
                .filter(t -> t.schema().equals(old.schema()) && columns(t).equals(columns(old))
                        && constraintNames(t).equals(constraintNames(old)) && !constraintNames(old).isEmpty())
                .map(Table::qualifiedName).findFirst();
    }

    private static List<String> columns(Table t) {
        return t.columns().stream().map(c -> c.name() + " " + c.type() + (c.notNull() ? " NOT NULL" : "")).toList();
    }

    private static Set<String> constraintNames(Table t) {
        Set<String> names = new java.util.TreeSet<>();
        t.constraints().forEach(k -> names.add(k.name()));
        return names;
    }

    /** The schema-level relations besides the table itself that its CREATE TABLE, or DROP TABLE, makes or removes. */
    private static Set<String> relationNames(Snapshot s, String table) {
        Set<String> names = new LinkedHashSet<>();
        s.table(table).ifPresent(t -> {
            for (Constraint k : t.constraints()) {
                if (k.type() == Constraint.Type.PRIMARY_KEY || k.type() == Constraint.Type.UNIQUE
                        || k.type() == Constraint.Type.EXCLUSION) {
                    names.add(Sql.qualified(t.schema(), k.name()));
                }
            }
        });
        s.indexes().stream().filter(i -> i.table().equals(table)).forEach(i -> names.add(i.qualifiedName()));
        return names;
    }
}
