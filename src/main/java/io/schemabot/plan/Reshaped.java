package io.schemabot.plan;

import io.schemabot.diff.ObjectChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.schema.Aggregate;
import io.schemabot.schema.CompositeType;
import io.schemabot.schema.Function;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Finds the composite types and aggregates a plan changes under their users, and the names those users reach
 * them by, so that views, rules, policies and routines using them step aside first: PostgreSQL refuses to drop or
 * retype an attribute a view or policy reads (even as {@code (p).x}, which never names the type), and to drop an
 * aggregate a view calls or a support function an aggregate uses.
 */
final class Reshaped {
    /** Composite types of FROM losing, moving or retyping an attribute, with every type that nests one of them. */
    final Set<String> types = new LinkedHashSet<>();
    /** Qualified names through which a user reaches a reshaped type or rebuilt aggregate. */
    final Set<String> names = new LinkedHashSet<>();
    /** Routines naming a reshaped type in their signature: a call of one in an expression reads the type. */
    final Set<String> routines = new LinkedHashSet<>();
    /** Quoted names of table columns storing a reshaped type: {@code (p).x} in an expression reads the type. */
    final Set<String> storedColumns = new LinkedHashSet<>();
    /** Aggregates of FROM that TO keeps but that are dropped and created again. */
    final List<Aggregate> aggregates = new ArrayList<>();

    Reshaped(DiffResult diff, Snapshot from, Snapshot to) {
        for (Change c : diff.changes()) {
            if (c instanceof ObjectChange.CompositeTypeChanged t && reshapes(type(from, t.type()), type(to, t.type()))) {
                types.add(t.type());
            }
        }
        types.addAll(withNesting(from, types));
        names.addAll(types);
        for (Table t : from.tables()) {
            t.columns().stream().filter(col -> types.stream().anyMatch(n -> Dependents.mentions(col.type(), n)))
                    .forEach(col -> {
                        names.add(t.qualifiedName());
                        storedColumns.add(Sql.ident(col.name()));
                    });
        }
        for (Function f : from.functions()) {
            if (types.stream().anyMatch(n -> Dependents.mentions(f.arguments() + " " + f.result(), n))) {
                routines.add(Sql.qualified(f.schema(), f.name()));
            }
        }
        names.addAll(routines);
        Set<String> replacedRoutines = new LinkedHashSet<>();
        for (Change c : diff.changes()) {
            if (c instanceof ObjectChange.FunctionChanged f) {
                Function before = routine(from, f.function());
                if (RoutineSteps.needsReplacement(before, routine(to, f.function()))) {
                    replacedRoutines.add(Sql.qualified(before.schema(), before.name()));
                }
            } else if (c instanceof ObjectChange.FunctionDropped f) {
                // an overload the target swaps for another of the same name is dropped before aggregates change
                Function before = routine(from, f.function());
                if (to.functions().stream().anyMatch(x -> x.schema().equals(before.schema()) && x.name().equals(before.name()))) {
                    replacedRoutines.add(Sql.qualified(before.schema(), before.name()));
                }
            }
        }
        for (Aggregate a : from.aggregates()) {
            Aggregate next = to.aggregates().stream().filter(x -> x.signature().equals(a.signature())).findFirst().orElse(null);
            if (next != null && (!Objects.equals(a.result(), next.result())
                    || replacedRoutines.stream().anyMatch(r -> Dependents.mentions(a.definition(), r)))) {
                aggregates.add(a);
                names.add(Sql.qualified(a.schema(), a.name()));
            }
        }
    }

    /**
     * Whether ALTER TYPE must drop or retype an attribute: anything but new attributes after the old ones, unchanged.
     */
    static boolean reshapes(CompositeType before, CompositeType after) {
        List<CompositeType.Attribute> old = before.attributes();
        List<CompositeType.Attribute> next = after.attributes();
        if (old.size() > next.size()) {
            return true;
        }
        for (int i = 0; i < old.size(); i++) {
            if (!old.get(i).name().equals(next.get(i).name()) || !old.get(i).definition().equals(next.get(i).definition())) {
                return true;
            }
        }
        return false;
    }

    /** The types with every composite type of the snapshot that holds one of them, at any depth. */
    static Set<String> withNesting(Snapshot s, Set<String> types) {
        Set<String> all = new LinkedHashSet<>(types);
        boolean grew = !all.isEmpty();
        while (grew) {
            grew = false;
            for (CompositeType t : s.compositeTypes()) {
                if (!all.contains(t.qualifiedName()) && all.stream().anyMatch(n -> Dependents.mentions(t.definition(), n))) {
                    grew = all.add(t.qualifiedName());
                }
            }
        }
        return all;
    }

    boolean rebuilds(String aggregate) {
        return aggregates.stream().anyMatch(a -> a.signature().equals(aggregate));
    }

    private static CompositeType type(Snapshot s, String name) {
        return s.compositeTypes().stream().filter(t -> t.qualifiedName().equals(name)).findFirst().orElseThrow();
    }

    private static Function routine(Snapshot s, String signature) {
        return s.functions().stream().filter(f -> f.signature().equals(signature)).findFirst().orElseThrow();
    }
}
