package io.schemabot.plan;

import io.schemabot.diff.ObjectChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.schema.Function;
import io.schemabot.schema.Snapshot;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Routines CREATE OR REPLACE cannot change (their result type, OUT parameters, parameter names or kind change, or
 * defaults go), so each is dropped and created again with its owner and grants; and overloads the target no
 * longer has while it has another of the same name, which kept objects calling that name bind to. What
 * PostgreSQL will not let go under them steps aside around them ({@link RoutineUsers}). Views using the function,
 * and routines whose SQL-standard body calls it, were set aside with the other views before this runs (see
 * {@link Dependents}). Rules and policies calling it step aside in {@link RulesAndPolicies}. Composite types that
 * drop, move or retype attributes are altered in the same gap (see {@link #plan(Reshaped)}).
 */
final class RoutineReplacements {
    private final Planner planner;
    private final DiffResult diff;
    private final Snapshot from;
    private final Snapshot to;

    RoutineReplacements(Planner planner, DiffResult diff, Snapshot from, Snapshot to) {
        this.planner = planner;
        this.diff = diff;
        this.from = from;
        this.to = to;
    }

    /**
     * One set-aside for the users of all such functions, then every replacement, then one put-back: an object
     * calling two of them must stay aside until both are replaced. Composite types that drop, move or retype an
     * attribute are changed in the same gap: a default, check, index or generated column reading an attribute
     * (through a call returning the type, or a stored column's {@code (p).x}) holds it like a call holds a function.
     */
    void plan(Reshaped reshaped) {
        List<Function[]> replaced = new ArrayList<>();
        for (Change c : diff.changes()) {
            if (c instanceof ObjectChange.FunctionChanged changed) {
                Function before = function(from, changed.function());
                Function after = function(to, changed.function());
                if (RoutineSteps.needsReplacement(before, after) && !planner.setAside(before.signature())) {
                    replaced.add(new Function[] {before, after});
                }
            }
        }
        List<Function> overloads = droppedOverloads();
        if (replaced.isEmpty() && overloads.isEmpty() && reshaped.types.isEmpty()) {
            return;
        }
        List<Function> going = new ArrayList<>(overloads);
        replaced.forEach(f -> going.add(f[0]));
        RoutineUsers users = RoutineUsers.of(planner, diff, from, to, going, reshaped);
        users.setAside();
        new CompositeTypeSteps(planner, diff, from, to).reshape();
        for (Function[] f : replaced) {
            Function before = f[0];
            Function after = f[1];
            String sql = "DROP " + (before.procedure() ? "PROCEDURE " : "FUNCTION ") + before.signature() + ";\n"
                    + Ddl.statement(after.definition());
            if (before.access() != null) {
                sql += "\n" + Ddl.restoreAccess(after, before.access());
            }
            planner.step("replace " + (before.procedure() ? "procedure " : "function ") + before.signature()
                    + " (CREATE OR REPLACE cannot change its " + whatChanges(before, after) + ")", sql, before.signature());
            planner.remember(after.procedure() ? "PROCEDURE" : "FUNCTION", before.signature(), after.comment());
        }
        for (Function old : overloads) {
            planner.step("drop " + (old.procedure() ? "procedure " : "function ") + old.signature()
                    + " (the target has another " + Sql.qualified(old.schema(), old.name()) + " instead)",
                    "DROP " + (old.procedure() ? "PROCEDURE " : "FUNCTION ") + old.signature() + ";", old.signature());
            planner.log().record(StepLog.Effect.DROPPED, old.signature());
        }
        users.putBack();
    }

    private static String whatChanges(Function before, Function after) {
        if (before.procedure() != after.procedure()) {
            return "kind";
        }
        if (!java.util.Objects.equals(before.result(), after.result())) {
            return "result type";
        }
        return before.arguments().equals(after.arguments()) ? "parameter defaults" : "parameters";
    }

    /**
     * Routines the target drops while it has another of the same name, created before this runs: what calls the
     * name (a default written {@code f()}) is the same text on both sides, yet bound to the old one, which
     * PostgreSQL will not drop under it.
     */
    private List<Function> droppedOverloads() {
        List<Function> found = new ArrayList<>();
        for (Change c : diff.changes()) {
            if (c instanceof ObjectChange.FunctionDropped dropped && !planner.setAside(dropped.function())) {
                Function old = function(from, dropped.function());
                boolean overloaded = to.functions().stream().anyMatch(f -> f.schema().equals(old.schema())
                        && f.name().equals(old.name()) && planner.createdFirst(f));
                if (overloaded) {
                    found.add(old);
                }
            }
        }
        return found;
    }

    private static Function function(Snapshot s, String signature) {
        return s.functions().stream().filter(f -> f.signature().equals(signature)).findFirst().orElseThrow();
    }
}
