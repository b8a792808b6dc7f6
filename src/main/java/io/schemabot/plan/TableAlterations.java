package io.schemabot.plan;

import io.schemabot.diff.TableChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.plan.Hazard.Kind;
import io.schemabot.schema.Column;
import io.schemabot.schema.Constraint;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every column and property change of one existing table goes into ONE ALTER TABLE, so PostgreSQL rewrites
 * the table at most once however many columns change type.
 */
final class TableAlterations {
    private final Planner planner;
    private final DiffResult diff;
    private final Snapshot from;
    private final Snapshot to;
    private final int serverMajor;
    private final Inheritance inheritance;
    private final PartitionKeys partitionKeys;
    /** Columns a parent's DROP NOT NULL makes nullable in a child that stays NOT NULL, by child table. */
    private final Map<String, Set<String>> notNullToRestore;
    /** Defaults a parent's recursing SET or DROP DEFAULT overwrites in a child that keeps its own. */
    private final Map<String, Map<String, String>> defaultsToRestore;

    TableAlterations(Planner planner, DiffResult diff, Snapshot from, Snapshot to) {
        this.planner = planner;
        this.diff = diff;
        this.from = from;
        this.to = to;
        this.serverMajor = from.serverMajor();
        this.inheritance = new Inheritance(diff, from, to);
        this.partitionKeys = new PartitionKeys(diff, from);
        this.notNullToRestore = inheritance.notNullToRestore();
        this.defaultsToRestore = inheritance.defaultsToRestore();
    }

    void plan() {
        Map<String, List<Change>> byTable = new LinkedHashMap<>();
        for (Change c : diff.changes()) {
            if (isColumnChange(c) || c instanceof TableChange.TableChanged) {
                byTable.computeIfAbsent(c.table(), k -> new ArrayList<>()).add(c);
            }
        }
        notNullToRestore.keySet().forEach(t -> byTable.computeIfAbsent(t, k -> new ArrayList<>()));
        defaultsToRestore.keySet().forEach(t -> byTable.computeIfAbsent(t, k -> new ArrayList<>()));
        for (String table : new TableOrder(from, to).of(byTable.keySet())) {
            alter(table, byTable.get(table));
        }
    }

    private static boolean isColumnChange(Change c) {
        return c instanceof TableChange.ColumnAdded || c instanceof TableChange.ColumnDropped
                || c instanceof TableChange.ColumnTypeChanged || c instanceof TableChange.ColumnNullabilityChanged
                || c instanceof TableChange.ColumnDefaultChanged || c instanceof TableChange.ColumnIdentityChanged
                || c instanceof TableChange.ColumnGeneratedChanged || c instanceof TableChange.ColumnCollationChanged;
    }

    private void alter(String tableName, List<Change> changes) {
        Table before = from.table(tableName).orElseThrow();
        Table after = to.table(tableName).orElseThrow();
        List<String> actions = new ArrayList<>();
        List<String> separate = new ArrayList<>();
        List<Hazard> hazards = new ArrayList<>();
        Set<String> rewriteReasons = new LinkedHashSet<>();
        Set<String> retyped = new LinkedHashSet<>();
        Set<String> reachedFromParent = new LinkedHashSet<>();
        Set<String> timeZoneSet = new LinkedHashSet<>();
        for (Change c : changes) {
            if (c instanceof TableChange.ColumnTypeChanged t) {
                retyped.add(t.column());
            } else if (c instanceof TableChange.ColumnCollationChanged t) {
                retyped.add(t.column());
            }
            if (c instanceof TableChange.ColumnTypeChanged || c instanceof TableChange.ColumnCollationChanged) {
                if (inheritance.reachedByParent(c)) {
                    reachedFromParent.add(Inheritance.column(c));
                }
            }
        }
        for (Change c : changes) {
            if (c instanceof TableChange.ColumnDropped d) {
                if (inheritance.keptByChild(tableName, d.column())) {
                    planner.step("drop column " + d.column() + " of " + tableName + " only (its children keep theirs)",
                            "ALTER TABLE ONLY " + tableName + " DROP COLUMN " + d.column() + ";", List.of(c.object()),
                            List.of(planner.lock(tableName), new Hazard(Kind.DATA_LOSS, c.object(), "drops column "
                                    + d.column() + " of " + tableName + " and its values there" + planner.size(tableName))));
                } else if (!inheritance.reachedByParent(c)) {
                    actions.add("DROP COLUMN " + d.column());
                    hazards.add(new Hazard(Kind.DATA_LOSS, c.object(), "drops column " + d.column() + " and its values"
                            + planner.size(tableName)));
                }
            }
        }
        // PostgreSQL refuses to retype a column that a generated column reads: such columns are dropped here
        // and added again (recomputed) after the type changes.
        Set<String> regenerated = readersOfRetyped(before, after, retyped);
        Set<String> rebuilt = new LinkedHashSet<>(regenerated); // columns dropped and added again
        for (String column : regenerated) {
            actions.add("DROP COLUMN " + column);
            rewriteReasons.add("generated column " + column + " is computed again");
        }
        // in the target's attribute order, not the diff's name order: ADD COLUMN appends, so this is its order
        for (TableChange.ColumnAdded a : changes.stream().filter(c -> c instanceof TableChange.ColumnAdded)
                .map(c -> (TableChange.ColumnAdded) c).sorted(Comparator.comparingInt(a -> after.columns()
                        .indexOf(column(after, a.column())))).toList()) {
            Column col = column(after, a.column());
            if (inheritance.reachedByParent(a)) {
                continue;
            }
            actions.add("ADD COLUMN " + Ddl.column(col));
            planner.remember("COLUMN", tableName + "." + a.column(), col.comment());
            if (col.generated() != null || col.identity() != null || volatileDefault(col.defaultExpression())) {
                rewriteReasons.add("new column " + a.column() + " is filled for every row");
            }
            if (col.notNull() && col.defaultExpression() == null && col.identity() == null && col.generated() == null) {
                hazards.add(new Hazard(Kind.FAILS_ON_DATA, a.object(), "NOT NULL column without a default fails"
                        + " unless " + tableName + " is empty"));
                planner.checks().forNewRequiredColumn(tableName, a.column());
            }
        }
        Set<String> expressionDropped = new LinkedHashSet<>();
        List<String> converted = new ArrayList<>();
        List<String> convertedTo = new ArrayList<>();
        String convertedIn = null;
        for (String column : retyped) {
            Column was = column(before, column);
            Column will = column(after, column);
            if (reachedFromParent.contains(column)) {
                continue; // the parent's ALTER reaches its partitions and children
            }
            Optional<Hazard> keyBlocked = partitionKeys.hazard(tableName, column, was.type(), will.type());
            if (keyBlocked.isPresent()) {
                hazards.add(keyBlocked.get());
                continue;
            }
            if (rebuiltAsGenerated(was, will, true) || regenerated.contains(column)) {
                continue; // dropped and added again with its new type
            }
            TypeChange tc = TypeChange.of(Sql.ident(was.name()), ColumnType.in(from, was.type()),
                    ColumnType.in(to, will.type()));
            boolean collationOnly = was.type().equals(will.type());
            // A generated column takes no USING: PostgreSQL computes it again from its expression.
            boolean stillGenerated = was.generated() != null && will.generated() != null;
            if (was.generated() != null && will.generated() == null) {
                // its own statement: in the same ALTER TABLE, PostgreSQL would still see a generated column and refuse USING
                expressionDropped.add(column);
            }
            if (was.defaultExpression() != null) {
                actions.add("ALTER COLUMN " + column + " DROP DEFAULT");
            }
            if (!collationOnly) {
                converted.add(column);
                // what the column will hold, computed from the row before the step: the proof compares its text
                convertedTo.add("CAST((" + (stillGenerated ? column : tc.using()) + ") AS " + will.type() + ")");
            }
            actions.add("ALTER COLUMN " + column + " TYPE " + will.type()
                    + (will.collation() == null ? "" : " COLLATE " + will.collation())
                    + (collationOnly || stillGenerated ? "" : " USING " + tc.using()));
            if (will.defaultExpression() != null && will.generated() == null) {
                actions.add("ALTER COLUMN " + column + " SET DEFAULT " + will.defaultExpression());
            }
            if ((tc.rewrite() || collationOnly) && !TypeChange.readsTimeZone(was.type(), will.type())) {
                rewriteReasons.add(column + " " + was.type() + " -> " + will.type());
            }
            String object = tableName + "." + column;
            if (TypeChange.readsTimeZone(was.type(), will.type())) {
                // the session's TimeZone decides the stored values: the plan names one, so it converts the same
                // wherever it runs, and says which
                String zone = planner.options().timeZone();
                convertedIn = zone;
                timeZoneSet.add("SET LOCAL TimeZone = " + Sql.literal(zone) + ";\n");
                if (TypeChange.rewritesIn(zone, was.type(), will.type())) {
                    rewriteReasons.add(column + " " + was.type() + " -> " + will.type() + " with wall-clock times in "
                            + zone + " (plan --time-zone chooses the zone)");
                }
                if (was.type().contains("with time zone")) {
                    hazards.add(new Hazard(Kind.DATA_LOSS, object, "drops the offset: " + column + " keeps the"
                            + " wall-clock time in " + zone + ", not the instant"));
                }
            }
            if (tc.narrowing()) {
                hazards.add(new Hazard(Kind.DATA_LOSS, object, "narrows " + was.type() + " to " + will.type()));
            }
            if (tc.mayFail()) {
                hazards.add(new Hazard(Kind.FAILS_ON_DATA, object, "fails if a value of " + column
                        + " does not convert to " + will.type()));
            }
            planner.checks().forTypeChange(tableName, was, will, tc);
        }
        for (String column : regenerated) {
            actions.add("ADD COLUMN " + Ddl.column(column(after, column)));
        }
        // Identity first: PostgreSQL refuses DROP NOT NULL on a column that is still an identity.
        for (Change c : changes) {
            if (c instanceof TableChange.ColumnIdentityChanged i) {
                actions.add("ALTER COLUMN " + i.column() + (i.from() == null ? " ADD GENERATED " + i.to() + " AS IDENTITY"
                        : i.to() == null ? " DROP IDENTITY IF EXISTS" : " SET GENERATED " + i.to()));
            }
        }
        for (Change c : changes) {
            String object = c.object();
            if (c instanceof TableChange.ColumnDefaultChanged d && !retyped.contains(d.column())) {
                actions.add("ALTER COLUMN " + d.column() + (d.to() == null ? " DROP DEFAULT" : " SET DEFAULT " + d.to()));
            } else if (c instanceof TableChange.ColumnNullabilityChanged n && !regenerated.contains(n.column())) {
                actions.add("ALTER COLUMN " + n.column() + (n.toNotNull() ? " SET NOT NULL" : " DROP NOT NULL"));
                if (n.toNotNull()) {
                    hazards.add(new Hazard(Kind.FAILS_ON_DATA, object, "fails if " + n.column() + " holds NULLs"));
                    planner.checks().forNotNull(tableName, n.column());
                }
            } else if (c instanceof TableChange.ColumnGeneratedChanged g && !expressionDropped.contains(g.column())
                    && !regenerated.contains(g.column()) && !inheritance.reachedByParent(c)) {
                if (rebuiltAsGenerated(column(before, g.column()), column(after, g.column()), retyped.contains(g.column()))) {
                    rebuilt.add(g.column());
                }
                generated(g, after, rebuilt.contains(g.column()), actions, hazards, rewriteReasons);
            }
        }
        for (String column : notNullToRestore.getOrDefault(tableName, Set.of())) {
            // a parent's DROP NOT NULL recursed into this table, which keeps its own
            actions.add("ALTER COLUMN " + column + " SET NOT NULL");
        }
        defaultsToRestore.getOrDefault(tableName, Map.of()).forEach((column, expression) -> actions.add("ALTER COLUMN "
                + column + (expression == null ? " DROP DEFAULT" : " SET DEFAULT " + expression)));
        for (Change c : changes) {
            if (c instanceof TableChange.TableChanged t) {
                tableProperty(before, after, t, actions, separate, hazards, rewriteReasons);
            }
        }
        if (!rewriteReasons.isEmpty()) {
            hazards.add(0, new Hazard(Kind.TABLE_REWRITE, tableName, "rewrites " + tableName
                    + planner.size(tableName) + " once: " + String.join(", ", rewriteReasons)));
        }
        if (!expressionDropped.isEmpty()) {
            planner.step("stop generating " + String.join(", ", expressionDropped) + " of " + tableName,
                    "ALTER TABLE " + tableName + "\n    " + String.join(",\n    ", expressionDropped.stream()
                            .map(c -> "ALTER COLUMN " + c + " DROP EXPRESSION").toList()) + ";",
                    List.of(tableName), List.of(planner.lock(tableName)));
        }
        // what the step answers for: children a parent's ALTER reaches are covered by the child's step or none
        List<String> objects = new ArrayList<>(List.of(tableName));
        changes.stream().map(Change::object).filter(o -> !objects.contains(o)).forEach(objects::add);
        objects.addAll(inheritance.reachedThrough(tableName));
        // DROP COLUMN takes along the sequence the column owns (a serial's): this step is what drops it
        changes.stream().filter(c -> c instanceof TableChange.ColumnDropped).map(Change::object)
                .forEach(column -> from.sequences().stream().filter(q -> column.equals(q.ownedBy()))
                        .forEach(q -> objects.add(q.qualifiedName())));
        if (hazards.stream().anyMatch(h -> h.kind() == Kind.BLOCKING)) {
            objects.addAll(partitionKeys.partitionsBelow(tableName));
        }
        if (!actions.isEmpty()) {
            hazards.add(0, planner.lock(tableName));
            // grants and statistics on columns dropped and added again go with them: RebuiltColumns restores them
            String saveExtras = String.join("", rebuilt.stream().map(c -> ColumnExtras.save(tableName, column(before, c)
                    .name()) + "\n").toList());
            planner.step("alter table " + tableName, saveExtras + String.join("", timeZoneSet) + "ALTER TABLE "
                    + tableName + "\n    "
                    + String.join(",\n    ", actions) + ";", objects, hazards,
                    converted.isEmpty() ? List.of() : List.of(new Step.Conversion(tableName, converted, convertedTo,
                            convertedIn)));
        } else if (!hazards.isEmpty() && separate.isEmpty()) {
            planner.step("alter table " + tableName, "-- nothing to run: see hazards", objects, hazards);
        }
        RebuiltColumns.putBack(planner, diff, from, before, after, rebuilt);
        for (String sql : separate) {
            // ATTACH PARTITION (and the CHECK that spares it a scan) lock the partition exclusively
            List<Hazard> attachHazards = new ArrayList<>(List.of(planner.lock(tableName)));
            if (actions.isEmpty()) {
                attachHazards.addAll(hazards.stream().filter(h -> h.kind() != Kind.ACCESS_EXCLUSIVE_LOCK).toList());
            }
            planner.step("change partitioning of " + tableName, sql, List.of(tableName), attachHazards);
        }
    }

    /**
     * Generated columns, kept generated, whose expression names a retyped column (by its quoted name as a
     * whole word: a false match only costs recomputing a column, a miss makes the plan fail and roll back).
     */
    private static Set<String> readersOfRetyped(Table before, Table after, Set<String> retyped) {
        Set<String> readers = new LinkedHashSet<>();
        for (Column was : before.columns()) {
            String name = Sql.ident(was.name());
            boolean kept = after.columns().stream().anyMatch(c -> c.name().equals(was.name()) && c.generated() != null);
            if (was.generated() == null || !kept || was.inherited()) {
                continue;
            }
            for (String column : retyped) {
                if (!column.equals(name) && Dependents.mentions(was.generated(), column)) {
                    readers.add(name);
                }
            }
        }
        return readers;
    }

    /**
     * True when {@link #generated} drops the column and adds it again, new type included: a column becoming
     * generated, an expression change before PostgreSQL 17, or one together with a type change (SET EXPRESSION
     * would first cast the old expression to the new type).
     */
    private boolean rebuiltAsGenerated(Column was, Column will, boolean retyped) {
        return will.generated() != null && !will.generated().equals(was.generated())
                && (was.generated() == null || serverMajor < 17 || retyped);
    }

    private void generated(TableChange.ColumnGeneratedChanged g, Table after, boolean rebuild, List<String> actions,
                           List<Hazard> hazards, Set<String> rewriteReasons) {
        if (g.to() == null) {
            actions.add("ALTER COLUMN " + g.column() + " DROP EXPRESSION");
        } else if (!rebuild) {
            actions.add("ALTER COLUMN " + g.column() + " SET EXPRESSION AS (" + g.to() + ")");
            rewriteReasons.add("generated column " + g.column() + " is recomputed");
        } else {
            // The column is rebuilt from its expression; RebuiltColumns puts back its indexes and constraints.
            actions.add("DROP COLUMN " + g.column());
            actions.add("ADD COLUMN " + Ddl.column(column(after, g.column())));
            rewriteReasons.add("generated column " + g.column() + " is rebuilt");
            if (g.from() == null) {
                hazards.add(new Hazard(Kind.DATA_LOSS, g.object(), "stored values of " + g.column()
                        + " are replaced by the generation expression"));
            }
        }
    }

    private void tableProperty(Table before, Table after, TableChange.TableChanged t, List<String> actions,
                               List<String> separate, List<Hazard> hazards, Set<String> rewriteReasons) {
        String table = t.table();
        switch (t.property()) {
            case "persistence" -> {
                actions.add(after.unlogged() ? "SET UNLOGGED" : "SET LOGGED");
                rewriteReasons.add("persistence " + t.from() + " -> " + t.to());
            }
            // Detachments ran NO INHERIT and DETACH PARTITION before any table changed
            case "inherits" -> after.inherits().stream().filter(p -> !before.inherits().contains(p)).forEach(p -> {
                List<Constraint> missing = inheritance.checksMissingToInherit(before, p);
                if (missing.isEmpty()) {
                    actions.add("INHERIT " + p);
                } else {
                    hazards.add(new Hazard(Kind.BLOCKING, table, "PostgreSQL lets " + table + " inherit from " + p
                            + " only if it has " + p + "'s checks (" + String.join(", ", missing.stream()
                            .map(k -> k.name() + " " + k.definition()).toList()) + "). Manually: add them to "
                            + table + " under the same names, then ALTER TABLE " + table + " INHERIT " + p
                            + "; the copies stay constraints of " + table + " of its own"));
                }
            });
            case "partition of" -> {
                if (after.partitionOf() != null && !partitionKeys.underBlockedKey(table)) {
                    separate.add(checksToAttach(before, after) + "ALTER TABLE " + after.partitionOf()
                            + " ATTACH PARTITION " + table + " " + after.partitionBound() + ";");
                    planner.log().record(StepLog.Effect.ATTACHED, table);
                    hazards.add(new Hazard(Kind.FAILS_ON_DATA, table, "attaching fails if rows fall outside "
                            + after.partitionBound()));
                }
            }
            default -> hazards.add(new Hazard(Kind.BLOCKING, table, "PostgreSQL cannot change the " + t.property()
                    + " of an existing table (" + t.from() + " -> " + t.to() + "). Manually: create the new table"
                    + " with the wanted " + t.property() + ", copy the rows (INSERT ... SELECT), swap the names in"
                    + " one transaction, then drop the old table"));
        }
    }

    /**
     * ATTACH PARTITION wants the table to have every CHECK of its new parents already (it then merges them); the
     * parents' checks that exist before this plan adds any are copied under their names first.
     */
    private String checksToAttach(Table before, Table after) {
        StringBuilder sql = new StringBuilder();
        for (String parent = after.partitionOf(); parent != null; ) {
            Table p = to.table(parent).orElseThrow();
            Table was = from.table(parent).orElse(null);
            for (Constraint k : p.constraints()) {
                boolean existed = was != null && was.constraints().contains(k);
                boolean present = before.constraints().stream().anyMatch(x -> x.name().equals(k.name())
                        && x.definition().equals(k.definition()));
                if (k.type() == Constraint.Type.CHECK && existed && !present) {
                    sql.append(Ddl.addConstraint(after.qualifiedName(), k)).append('\n');
                }
            }
            parent = p.partitionOf();
        }
        return sql.toString();
    }

    private static Column column(Table t, String quotedName) {
        return t.columns().stream().filter(c -> Sql.ident(c.name()).equals(quotedName)).findFirst().orElseThrow();
    }

    /** Defaults PostgreSQL must evaluate per row, so ADD COLUMN rewrites the table. */
    private static boolean volatileDefault(String expression) {
        if (expression == null) {
            return false;
        }
        String e = expression.toLowerCase(java.util.Locale.ROOT);
        return e.contains("nextval(") || e.contains("random(") || e.contains("gen_random_uuid(")
                || e.contains("clock_timestamp(") || e.contains("uuid_generate");
    }
}
