package io.schemabot.plan;

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
        return phase(f, new HashSet<>());
    }

    private Phase phase(Function f, Set<String> visiting) {
        Phase known = phases.get(f.signature());
        if (known != null) {
            return known;
        }
        Phase own = needsViews(f) ? Phase.AFTER_VIEWS : needsTables(f) ? Phase.AFTER_TABLES : Phase.FIRST;
        if (visiting.add(f.signature())) {
            for (Function callee : created()) {
                if (callee != f && calls(f, callee)) {
                    Phase theirs = phase(callee, visiting);
                    own = theirs.compareTo(own) > 0 ? theirs : own;
                }
            }
        }
        phases.put(f.signature(), own);
        return own;
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
            if (c instanceof Change.FunctionAdded a) {
                made.add(function(to, a.function()));
            } else if (c instanceof Change.FunctionChanged ch && !needsReplacement(function(from, ch.function()),
                    function(to, ch.function())) && !setAside(ch.function())) {
                made.add(function(to, ch.function()));
            }
        }
        return made;
    }

    /** Whether the routine is dropped before the views and created again after them (see Dependents). */
    boolean setAside(String signature) {
        return dependents.routinesToSetAside.stream().anyMatch(f -> f.signature().equals(signature));
    }

    /**
     * Dropped routines go last, except those tied to a dropped table's row type: they go before the table. A
     * routine whose SQL-standard body calls another goes before it.
     */
    void drop(boolean beforeTables) {
        Set<String> doomed = diff.changes().stream().filter(Change.TableDropped.class::isInstance).map(Change::table)
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
            if (!(c instanceof Change.FunctionDropped d)) {
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
    boolean needsTables(Function f) {
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

    /** Whether the routine's SQL-standard body calls the other routine. */
    private static boolean calls(Function user, Function used) {
        return !Sql.qualified(used.schema(), used.name()).equals(Sql.qualified(user.schema(), user.name()))
                && standardBody(user) && Dependents.mentions(user.definition(), Sql.qualified(used.schema(), used.name()));
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
