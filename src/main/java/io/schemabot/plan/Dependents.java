package io.schemabot.plan;

import io.schemabot.diff.ObjectChange;
import io.schemabot.diff.TableChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.schema.Constraint;
import io.schemabot.schema.GeneratedNames;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.schema.View;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What must be dropped before the changes and recreated after: foreign keys on or to columns whose type
 * changes (and to keys that are replaced), and views over tables whose columns change.
 */
final class Dependents {
    /** A foreign key to drop (as FROM has it) and, if TO still has it, to recreate (as TO has it). */
    record ForeignKey(String table, Constraint from, Constraint to, String reason) {
    }

    private final Map<String, ForeignKey> foreignKeys = new LinkedHashMap<>();
    /** Views of FROM to drop, dependents first; {@link ViewSteps} interleaves them with the routines set aside. */
    private final List<View> viewsToDrop = new ArrayList<>();
    /**
     * Routines of FROM that PostgreSQL ties to a view that is dropped or rebuilt (a row type in the signature, or
     * a SQL-standard body reading it), or whose SQL-standard body reads a table whose columns change or calls a
     * routine that is replaced or itself set aside: they go and come back together with the views.
     */
    private final List<io.schemabot.schema.Function> routinesToSetAside = new ArrayList<>();
    /** Aggregates TO keeps whose support function is set aside: they go and come back with the views. */
    private final List<io.schemabot.schema.Aggregate> aggregatesToSetAside = new ArrayList<>();
    /** Composite types and aggregates changed under their users. */
    final Reshaped reshaped;

    /** Foreign keys to drop (and recreate), by table + "." + quoted name; read-only, as every phase shares it. */
    Map<String, ForeignKey> foreignKeys() {
        return java.util.Collections.unmodifiableMap(foreignKeys);
    }

    List<View> viewsToDrop() {
        return java.util.Collections.unmodifiableList(viewsToDrop);
    }

    List<io.schemabot.schema.Function> routinesToSetAside() {
        return java.util.Collections.unmodifiableList(routinesToSetAside);
    }

    List<io.schemabot.schema.Aggregate> aggregatesToSetAside() {
        return java.util.Collections.unmodifiableList(aggregatesToSetAside);
    }

    Dependents(DiffResult diff, Snapshot from, Snapshot to) {
        this.reshaped = new Reshaped(diff, from, to);
        Set<String> retyped = new HashSet<>();
        Set<String> replacedKeys = new HashSet<>();
        // unique indexes dropped or rebuilt, as table + their key columns: a foreign key may be bound to one
        Map<String, List<Set<String>>> replacedUniqueIndexes = new HashMap<>();
        Set<String> changedTables = new HashSet<>();
        Set<String> droppedTables = new HashSet<>();
        for (Change c : diff.changes()) {
            if (c instanceof TableChange.ColumnTypeChanged t) {
                retyped.add(t.table() + "." + t.column());
                changedTables.add(t.table());
            } else if (c instanceof TableChange.ColumnCollationChanged t) {
                retyped.add(t.table() + "." + t.column());
                changedTables.add(t.table());
            } else if (c instanceof TableChange.ColumnDropped d) {
                changedTables.add(d.table());
            } else if (c instanceof TableChange.ColumnGeneratedChanged g) {
                changedTables.add(g.table()); // the column may be dropped and added again
            } else if (c instanceof TableChange.TableDropped d) {
                droppedTables.add(d.table());
                changedTables.add(d.table());
            } else if (c instanceof TableChange.ConstraintDropped d && isKey(d.type())) {
                replacedKeys.add(d.table());
            } else if (c instanceof TableChange.ConstraintChanged d && isKey(d.type())) {
                replacedKeys.add(d.table());
            } else if (c instanceof TableChange.IndexDropped d) {
                UniqueIndexKeys.of(d.definition()).ifPresent(keys ->
                        replacedUniqueIndexes.computeIfAbsent(d.table(), k -> new ArrayList<>()).add(keys));
            } else if (c instanceof TableChange.IndexChanged d) {
                UniqueIndexKeys.of(d.from()).ifPresent(keys ->
                        replacedUniqueIndexes.computeIfAbsent(d.table(), k -> new ArrayList<>()).add(keys));
            } else if (c instanceof TableChange.TableChanged t && !t.property().equals("persistence")) {
                changedTables.add(t.table());
            }
        }
        for (Change c : diff.changes()) {
            if (c instanceof TableChange.ConstraintDropped d && d.type().equals("FOREIGN_KEY")
                    && !droppedTables.contains(d.table())) {
                add(d.table(), fromConstraint(from, d.table(), d.constraint()), null, "not expected");
            } else if (c instanceof TableChange.ForeignKeyChanged f) {
                add(f.table(), fromConstraint(from, f.table(), f.constraint()),
                        toConstraint(to, f.table(), f.constraint()), "definition changes");
            }
        }
        for (Table table : from.tables()) {
            boolean doomed = droppedTables.contains(table.qualifiedName());
            for (Constraint fk : table.foreignKeys()) {
                String reason = null;
                for (String col : fk.columns()) {
                    if (retyped.contains(table.qualifiedName() + "." + Sql.ident(col))) {
                        reason = "column " + col + " changes type";
                    }
                }
                for (String col : fk.refColumns()) {
                    if (retyped.contains(fk.refTable() + "." + Sql.ident(col))) {
                        reason = "referenced column " + fk.refTable() + "." + col + " changes type";
                    }
                }
                if (reason == null && replacedKeys.contains(fk.refTable())) {
                    reason = "the key it references on " + fk.refTable() + " is replaced";
                }
                if (reason == null && replacedUniqueIndexes.getOrDefault(fk.refTable(), List.of())
                        .contains(new HashSet<>(fk.refColumns()))) {
                    reason = "the unique index it references on " + fk.refTable() + " is dropped or rebuilt";
                }
                if (reason != null) {
                    // a doomed table's FK still blocks the key change before the table goes: drop it, never recreate
                    Constraint again = doomed ? null : sameIn(to, table, fk).orElse(null);
                    add(table.qualifiedName(), fk, again, reason);
                }
            }
        }
        findViewsAndRoutines(diff, from, to, changedTables);
    }

    private static boolean isKey(String type) {
        return type.equals("PRIMARY_KEY") || type.equals("UNIQUE");
    }

    private void add(String table, Constraint from, Constraint to, String reason) {
        if (from == null) {
            return;
        }
        foreignKeys.putIfAbsent(table + "." + Sql.ident(from.name()), new ForeignKey(table, from, to, reason));
    }

    private static Constraint fromConstraint(Snapshot s, String table, String quotedName) {
        return s.table(table).flatMap(t -> t.constraints().stream()
                .filter(c -> Sql.ident(c.name()).equals(quotedName)).findFirst()).orElse(null);
    }

    private static Constraint toConstraint(Snapshot s, String table, String quotedName) {
        return fromConstraint(s, table, quotedName);
    }

    /** The same foreign key in TO: by name, or by definition when PostgreSQL chose the name. */
    private static Optional<Constraint> sameIn(Snapshot to, Table table, Constraint fk) {
        Optional<Table> other = to.table(table.qualifiedName());
        if (other.isEmpty()) {
            return Optional.empty();
        }
        Optional<Constraint> byName = other.get().foreignKeys().stream()
                .filter(c -> c.name().equals(fk.name())).findFirst();
        if (byName.isPresent() || !GeneratedNames.isGenerated(table.name(), fk.name())) {
            return byName;
        }
        return other.get().foreignKeys().stream()
                .filter(c -> c.definition().equals(fk.definition())
                        && GeneratedNames.isGenerated(table.name(), c.name()))
                .findFirst();
    }

    private void findViewsAndRoutines(DiffResult diff, Snapshot from, Snapshot to, Set<String> changedTables) {
        Set<String> affected = new LinkedHashSet<>(changedTables);
        affected.addAll(reshaped.names);
        for (Change c : diff.changes()) {
            if (c instanceof ObjectChange.ViewDropped v) {
                affected.add(v.view());
            } else if (c instanceof ObjectChange.ViewDefinitionChanged v) {
                affected.add(v.view());
            } else if (c instanceof ObjectChange.FunctionDropped f) {
                // an overload replaced by another of the same name: views calling the name are bound to the old one
                from.functions().stream().filter(old -> old.signature().equals(f.function())).findFirst()
                        .filter(old -> to.functions().stream().anyMatch(n -> n.schema().equals(old.schema())
                                && n.name().equals(old.name())))
                        .ifPresent(old -> affected.add(Sql.qualified(old.schema(), old.name())));
            } else if (c instanceof ObjectChange.FunctionChanged f) {
                functionName(f.function(), from, to).ifPresent(fn -> {
                    affected.add(fn);
                    // tables whose generated columns call it lose and regain those columns; materialized views
                    // whose indexes call it must go before it can be dropped
                    from.tables().stream().filter(t -> t.columns().stream().anyMatch(col -> col.generated() != null
                            && mentions(col.generated(), fn))).forEach(t -> affected.add(t.qualifiedName()));
                    from.indexes().stream().filter(i -> mentions(i.definition(), fn))
                            .forEach(i -> from.views().stream().filter(v -> v.materialized()
                                    && v.qualifiedName().equals(i.table())).forEach(v -> affected.add(v.qualifiedName())));
                });
            }
        }
        // what uses an affected view or routine is affected too: views over it, routines naming it in their
        // signature or SQL-standard body, and so on until nothing more is drawn in
        Set<String> chosen = new LinkedHashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (View v : from.views()) {
                String name = v.qualifiedName();
                if (!chosen.contains(name) && (affected.contains(name) || mentionsAny(v, affected))) {
                    chosen.add(name);
                    affected.add(name);
                    grew = true;
                }
            }
            for (io.schemabot.schema.Function f : from.functions()) {
                if (!routinesToSetAside.contains(f) && tiedTo(f, affected, chosen)) {
                    routinesToSetAside.add(f);
                    affected.add(Sql.qualified(f.schema(), f.name()));
                    grew = true;
                }
            }
            for (io.schemabot.schema.Aggregate a : from.aggregates()) {
                if (!aggregatesToSetAside.contains(a) && !reshaped.rebuilds(a.signature())
                        && to.aggregates().stream().anyMatch(x -> x.signature().equals(a.signature()))
                        && routinesToSetAside.stream().anyMatch(f -> mentions(a.definition(), Sql.qualified(f.schema(), f.name())))) {
                    aggregatesToSetAside.add(a);
                    affected.add(Sql.qualified(a.schema(), a.name()));
                    grew = true;
                }
            }
        }
        List<View> ordered = Views.inDependencyOrder(from.views().stream()
                .filter(v -> chosen.contains(v.qualifiedName())).toList());
        for (int i = ordered.size() - 1; i >= 0; i--) {
            viewsToDrop.add(ordered.get(i));
        }
    }

    /**
     * Whether PostgreSQL ties the routine to one of the objects: a dropped view in its signature (a row type), or
     * any of them read or called by its SQL-standard body. Its own name in the header is no tie.
     */
    private static boolean tiedTo(io.schemabot.schema.Function f, Set<String> affected, Set<String> droppedViews) {
        String own = Sql.qualified(f.schema(), f.name());
        return droppedViews.stream().anyMatch(v -> mentions(f.arguments() + " " + f.result(), v))
                || (RoutineSteps.standardBody(f) && affected.stream().anyMatch(n -> !n.equals(own) && mentions(f.definition(), n)));
    }

    /** The qualified name of a function that must be dropped and created again (its views are rebuilt), if so. */
    private static Optional<String> functionName(String signature, Snapshot from, Snapshot to) {
        Optional<io.schemabot.schema.Function> before = from.functions().stream()
                .filter(f -> f.signature().equals(signature)).findFirst();
        Optional<io.schemabot.schema.Function> after = to.functions().stream()
                .filter(f -> f.signature().equals(signature)).findFirst();
        if (before.isEmpty() || after.isEmpty() || !RoutineSteps.needsReplacement(before.get(), after.get())) {
            return Optional.empty();
        }
        return Optional.of(Sql.qualified(before.get().schema(), before.get().name()));
    }

    /** Whether the view's query, or a column default of it (a function call), names one of the objects. */
    static boolean mentionsAny(View v, Set<String> names) {
        return names.stream().anyMatch(n -> mentions(v.definition(), n) || v.columns().stream()
                .anyMatch(c -> c.defaultExpression() != null && mentions(c.defaultExpression(), n)));
    }

    static boolean mentions(String definition, String qualifiedName) {
        return Pattern.compile("(?<![\\w\"$])" + Pattern.quote(qualifiedName) + "(?![\\w\"$])")
                .matcher(definition).find();
    }
}
