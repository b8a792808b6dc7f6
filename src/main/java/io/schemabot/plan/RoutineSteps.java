package io.schemabot.plan;

import io.schemabot.diff.ObjectChange;
import io.schemabot.diff.TableChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.schema.Function;
import io.schemabot.schema.Snapshot;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Creates, replaces and drops routines at the point of the plan where what they name exists. A SQL-standard body
 * (BEGIN ATOMIC, RETURN) is parsed when the routine is created, so such a routine comes after the routines it calls
 * and the tables or views it reads, and goes before them when both are dropped. The deparsed body names every
 * object schema-qualified (snapshots are read with an empty search_path), so its text is what orders them; a
 * snapshot file of the other side has no pg_depend to ask.
 */
final class RoutineSteps {
    /** When a routine can be created: it may name tables (row types, SQL-standard bodies) or views. */
    enum Phase { FIRST, AFTER_TABLES, AFTER_VIEWS }

    private final Planner planner;
    private final DiffResult diff;
    private final Snapshot from;
    private final Snapshot to;
    private final Dependents dependents;
    private final Map<String, Phase> phases = new HashMap<>();

    RoutineSteps(Planner planner, DiffResult diff, Snapshot from, Snapshot to, Dependents dependents) {
        this.planner = planner;
        this.diff = diff;
        this.from = from;
        this.to = to;
        this.dependents = dependents;
    }

    /**
     * The routine's phase: after the views its signature names, after the tables its SQL-standard body reads, and
     * never before a routine this plan creates that its body calls.
     */
    Phase phase(Function f) {
        // only whole answers are kept: inside a (textual, so possibly false) cycle a partial one would spread
        return phases.computeIfAbsent(f.signature(), s -> phase(f, new HashSet<>()));
    }

    private Phase phase(Function f, Set<String> visiting) {
        Phase phase = needsViews(f) ? Phase.AFTER_VIEWS : needsTables(f) ? Phase.AFTER_TABLES : Phase.FIRST;
        if (!visiting.add(f.signature())) {
            return phase;
        }
        List<Function> made = created();
        for (Function callee : to.functions()) {
            if (!calls(f, callee)) {
                continue;
            }
            Phase theirs;
            if (setAside(callee.signature())) {
                theirs = Phase.AFTER_VIEWS; // created again with the views
            } else if (made.contains(callee)) {
                theirs = phase(callee, visiting);
            } else if (replaced(callee)) {
                theirs = Phase.AFTER_TABLES; // dropped and created again just before the tables
            } else {
                continue; // exists as it is
            }
            phase = theirs.compareTo(phase) > 0 ? theirs : phase;
        }
        visiting.remove(f.signature());
        return phase;
    }

    /** A changed routine CREATE OR REPLACE cannot change: RoutineReplacements drops it and creates it again. */
    private boolean replaced(Function f) {
        return diff.changes().stream().anyMatch(c -> c instanceof ObjectChange.FunctionChanged ch
                && ch.function().equals(f.signature()) && !setAside(f.signature())
                && needsReplacement(function(from, f.signature()), f));
    }

    /** Creates the routines this plan adds, and replaces those CREATE OR REPLACE can change, that belong to the phase. */
    void create(Phase phase) {
        List<Function> due = created().stream().filter(f -> phase(f) == phase).toList();
        for (Object o : Views.creationOrder(due)) {
            Function f = (Function) o;
            boolean added = from.functions().stream().noneMatch(x -> x.signature().equals(f.signature()));
            String kind = f.procedure() ? "procedure " : "function ";
            planner.step((added ? "create " + kind : "replace function ") + f.signature(), Ddl.statement(f.definition()),
                    f.signature());
            planner.remember(f.procedure() ? "PROCEDURE" : "FUNCTION", f.signature(), f.comment());
        }
    }

    /** TO's routines that a CREATE [OR REPLACE] of this plan makes: new ones, and changed ones that need no drop. */
    private List<Function> created() {
        List<Function> made = new ArrayList<>();
        for (Change c : diff.changes()) {
            if (c instanceof ObjectChange.FunctionAdded a) {
                made.add(function(to, a.function()));
            } else if (c instanceof ObjectChange.FunctionChanged ch && !needsReplacement(function(from, ch.function()),
                    function(to, ch.function())) && !setAside(ch.function())) {
                made.add(function(to, ch.function()));
            }
        }
        return made;
    }

    /** Whether the routine is dropped before the views and created again after them (see Dependents). */
    boolean setAside(String signature) {
        return dependents.routinesToSetAside().stream().anyMatch(f -> f.signature().equals(signature));
    }

    /**
     * Dropped routines go last, except those tied to a dropped table's row type: they go before the table. A
     * routine whose SQL-standard body calls another goes before it.
     */
    void drop(boolean beforeTables) {
        Set<String> doomed = diff.changes().stream().filter(TableChange.TableDropped.class::isInstance).map(Change::table)
                .collect(Collectors.toSet());
        drop(doomed, beforeTables);
    }

    /** Drops the dropped routines tied to these tables' row types now, before the tables go early. */
    void dropTiedTo(Set<String> tables) {
        drop(tables, true);
    }

    private void drop(Set<String> doomed, boolean beforeTables) {
        List<Function> going = new ArrayList<>();
        for (Change c : diff.changes()) {
            if (!(c instanceof ObjectChange.FunctionDropped d)) {
                continue;
            }
            Function f = function(from, d.function());
            boolean tied = doomed.stream().anyMatch(t -> Dependents.mentions(f.arguments() + " " + f.result(), t)
                    || (standardBody(f) && Dependents.mentions(f.definition(), t)));
            if (!planner.log().did(StepLog.Effect.DROPPED, d.function()) && tied == beforeTables) {
                going.add(f);
            }
        }
        List<Object> order = Views.creationOrder(going);
        for (int i = order.size() - 1; i >= 0; i--) {
            Function f = (Function) order.get(i);
            planner.log().record(StepLog.Effect.DROPPED, f.signature());
            planner.step("drop " + (f.procedure() ? "procedure " : "function ") + f.signature(),
                    "DROP " + (f.procedure() ? "PROCEDURE " : "FUNCTION ") + f.signature() + ";", f.signature());
        }
    }

    /**
     * Whether CREATE OR REPLACE cannot turn one routine into the other: PostgreSQL refuses to change its kind, its
     * result (OUT parameters included), the names of its parameters, or to remove parameter defaults.
     */
    static boolean needsReplacement(Function before, Function after) {
        return !Objects.equals(before.result(), after.result()) || before.procedure() != after.procedure()
                || !before.arguments().equals(after.arguments())
                || defaults(after.declaredParameters()) < defaults(before.declaredParameters());
    }

    private static long defaults(String parameters) {
        return Pattern.compile(" DEFAULT ").matcher(parameters).results().count();
    }

    /** Whether the routine can only be created once the tables exist (its signature or SQL-standard body names one). */
    private boolean needsTables(Function f) {
        Set<String> relations = new LinkedHashSet<>();
        to.tables().forEach(t -> relations.add(t.qualifiedName()));
        to.views().forEach(v -> relations.add(v.qualifiedName()));
        return relations.stream().anyMatch(r -> namesRelation(f, r));
    }

    /** A routine naming a view in its signature needs the view; one with a SQL-standard body also needs the columns it reads. */
    private boolean needsViews(Function f) {
        return to.views().stream().anyMatch(v -> namesRelation(f, v.qualifiedName()))
                || (standardBody(f) && needsTables(f));
    }

    /**
     * Whether the routine's SQL-standard body calls the other routine. Names say which routine, not which overload:
     * a body calling its own name calls another overload, taken to be one whose own body does not call the name.
     */
    static boolean calls(Function user, Function used) {
        if (user.signature().equals(used.signature()) || !standardBody(user)) {
            return false;
        }
        String name = Sql.qualified(used.schema(), used.name());
        if (!Dependents.mentions(body(user), name)) {
            return false;
        }
        boolean overload = name.equals(Sql.qualified(user.schema(), user.name()));
        return !overload || !(standardBody(used) && Dependents.mentions(body(used), name));
    }

    /** A SQL-standard body without the CREATE line, which names the routine itself. */
    private static String body(Function f) {
        String d = f.definition();
        int atomic = d.indexOf("\nBEGIN ATOMIC");
        int ret = d.indexOf("\nRETURN ");
        int start = atomic < 0 ? ret : ret < 0 ? atomic : Math.min(atomic, ret);
        return start < 0 ? d : d.substring(start);
    }

    /** Whether PostgreSQL ties the routine to the relation: its signature names it, or its SQL-standard body reads it. */
    static boolean namesRelation(Function f, String relation) {
        return Dependents.mentions(f.arguments() + " " + f.result(), relation)
                || (standardBody(f) && Dependents.mentions(f.definition(), relation));
    }

    /** BEGIN ATOMIC ... END or RETURN expr: parsed at creation, with real dependencies (unlike a string body after AS). */
    static boolean standardBody(Function f) {
        String d = f.definition();
        return !d.contains("\nAS ") && (d.contains("\nBEGIN ATOMIC") || d.contains("\nRETURN "));
    }

    static Function function(Snapshot s, String signature) {
        return s.functions().stream().filter(f -> f.signature().equals(signature)).findFirst().orElseThrow();
    }
}
