package io.schemabot.plan;

import io.schemabot.schema.Aggregate;
import io.schemabot.schema.Function;
import io.schemabot.schema.View;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/** Orders views, and routines and aggregates rebuilt with them, so that each comes after what its definition uses. */
final class Views {
    private Views() {
    }

    static List<View> inDependencyOrder(List<View> views) {
        return inDependencyOrder(views, (v, o) -> Dependents.mentions(v.definition(), o.qualifiedName()));
    }

    /**
     * Views and routines in the order to create them: a view after the views and routines it selects from or
     * calls, a routine after the views its signature or SQL-standard body names and the routines that body calls.
     * Reversed, the order to drop them.
     */
    static List<Object> creationOrder(List<?> viewsAndRoutines) {
        return inDependencyOrder(new ArrayList<Object>(viewsAndRoutines), (user, used) -> {
            String name = used instanceof View v ? v.qualifiedName() : used instanceof Aggregate a
                    ? Sql.qualified(a.schema(), a.name()) : qualifiedName((Function) used);
            if (user instanceof View v) {
                return Dependents.mentionsAny(v, Set.of(name));
            }
            if (user instanceof Aggregate a) {
                return Dependents.mentions(a.definition(), name); // its support functions
            }
            Function f = (Function) user;
            return used instanceof Function g ? RoutineSteps.calls(f, g) : RoutineSteps.namesRelation(f, name);
        });
    }

    private static String qualifiedName(Function f) {
        return Sql.qualified(f.schema(), f.name());
    }

    private static <T> List<T> inDependencyOrder(List<T> items, BiPredicate<T, T> uses) {
        List<T> pending = new ArrayList<>(items);
        List<T> ordered = new ArrayList<>();
        while (!pending.isEmpty()) {
            T next = pending.stream()
                    .filter(v -> pending.stream().noneMatch(o -> o != v && uses.test(v, o)))
                    .findFirst().orElse(pending.get(0)); // a cycle cannot exist; keep going regardless
            ordered.add(next);
            pending.remove(next);
        }
        return ordered;
    }
}
