package io.schemabot.plan;

import io.schemabot.diff.TableChange;
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

/**
 * Generated columns the plan drops and adds again (their expression cannot be changed in place, or a column or
 * function they read changes). DROP COLUMN takes the column's indexes and constraints along, which the diff
 * does not know: those it leaves in place are built again from production's definitions, and the column's
 * comment, column-level grants and extended statistics are kept ({@link ColumnExtras}).
 */
final class RebuiltColumns {
    private RebuiltColumns() {
    }

    static void putBack(Planner planner, DiffResult diff, Snapshot from, Table before, Table after, Set<String> rebuilt) {
        if (rebuilt.isEmpty()) {
            return;
        }
        String table = before.qualifiedName();
        List<String> sql = new ArrayList<>();
        List<String> objects = new ArrayList<>();
        List<Hazard> hazards = new ArrayList<>();
        for (Constraint k : before.constraints()) {
            String name = Sql.ident(k.name());
            boolean elsewhere = k.type() == Constraint.Type.FOREIGN_KEY && planner.recreatesForeignKey(table + "." + name);
            if (k.columns().stream().anyMatch(c -> rebuilt.contains(Sql.ident(c))) && !goneInDiff(diff, table, name)
                    && !elsewhere) {
                sql.add(Ddl.addConstraint(table, k));
                objects.add(table + "." + name);
                planner.remember("CONSTRAINT", name + " ON " + table, k.comment());
                hazards.add(new Hazard(Kind.FAILS_ON_DATA, table + "." + name, "checks every row again: " + k.definition()));
            }
        }
        // DROP COLUMN on a parent reaches its partitions and children, and their own indexes go too
        Set<String> family = familyOf(from, table);
        for (Index i : from.indexes()) {
            String keys = i.definition().substring(Math.max(0, i.definition().indexOf(" USING ")));
            if (family.contains(i.table()) && rebuilt.stream().anyMatch(c -> Dependents.mentions(keys, c))
                    && diff.changes().stream().noneMatch(c -> (c instanceof TableChange.IndexChanged
                    || c instanceof TableChange.IndexDropped) && c.object().equals(i.qualifiedName()))) {
                // IF NOT EXISTS: a match in the index's text that was not the column leaves the index in place
                sql.add(Ddl.statement(i.creation().replaceFirst("INDEX ", "INDEX IF NOT EXISTS ")));
                objects.add(i.qualifiedName());
                planner.remember("INDEX", i.qualifiedName(), i.comment());
                hazards.add(new Hazard(Kind.INDEX_BUILD, i.qualifiedName(), "builds the index again while writes to "
                        + table + planner.size(table) + " wait"));
            }
        }
        for (String column : rebuilt) {
            after.columns().stream().filter(c -> Sql.ident(c.name()).equals(column)).findFirst().ifPresent(c -> {
                planner.remember("COLUMN", table + "." + column, c.comment());
                sql.add(ColumnExtras.restore(table, c.name())); // saved by the step that dropped the column
            });
        }
        if (!sql.isEmpty()) {
            planner.step("put back what rebuilding " + String.join(", ", rebuilt) + " of " + table + " removed",
                    String.join("\n", sql), objects, hazards);
        }
    }

    /** The table with its partitions and inheritance children, at any depth. */
    private static Set<String> familyOf(Snapshot s, String table) {
        Set<String> family = new java.util.LinkedHashSet<>(List.of(table));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Table t : s.tables()) {
                if (!family.contains(t.qualifiedName()) && (family.contains(t.partitionOf())
                        || t.inherits().stream().anyMatch(family::contains))) {
                    grew = family.add(t.qualifiedName());
                }
            }
        }
        return family;
    }

    /** Constraints the diff changes or drops are handled (or gone) elsewhere. */
    private static boolean goneInDiff(DiffResult diff, String table, String constraint) {
        return diff.changes().stream().anyMatch(c -> (c instanceof TableChange.ConstraintChanged x
                && x.table().equals(table) && x.constraint().equals(constraint))
                || (c instanceof TableChange.ConstraintDropped y && y.table().equals(table) && y.constraint().equals(constraint)));
    }
}
