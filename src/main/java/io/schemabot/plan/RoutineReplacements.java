package io.schemabot.plan;

import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.plan.Hazard.Kind;
import io.schemabot.schema.Column;
import io.schemabot.schema.Constraint;
import io.schemabot.schema.Function;
import io.schemabot.schema.Index;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Routines CREATE OR REPLACE cannot change (their result type, OUT parameters, parameter names or kind change, or
 * defaults go), so each is dropped and created again with its owner and grants; and overloads the target no
 * longer has while it has another of the same name, which kept objects calling that name bind to. PostgreSQL refuses to drop a function that a column default, a check or exclusion
 * constraint or an index uses, so those (when the diff does not already drop them) are set aside first and put
 * back after, as production has them. Views using the function, and routines whose SQL-standard body calls it,
 * were set aside with the other views before this runs (see {@link Dependents}). Generated columns calling it
 * are dropped and added again (with what that takes along). Rules and policies calling it step aside in
 * {@link RulesAndPolicies}. Other users (domains, trigger conditions) make the plan fail and roll back. Composite
 * types that drop, move or retype attributes are altered in the same gap (see {@link #plan(Reshaped)}).
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
            if (c instanceof Change.FunctionChanged changed) {
                Function before = function(from, changed.function());
                Function after = function(to, changed.function());
                if (Planner.needsReplacement(before, after) && !planner.setAside(before.signature())) {
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
        List<String> names = new ArrayList<>(going.stream().map(f -> Sql.qualified(f.schema(), f.name())).toList());
        names.addAll(reshaped.routines);
        List<String> alternatives = new ArrayList<>();
        if (!names.isEmpty()) {
            alternatives.add("(?<![\\w$\".])(?:" + String.join("|", names.stream().map(Pattern::quote).distinct().toList())
                    + ")\\s*\\(");
        }
        if (!reshaped.storedColumns.isEmpty()) {
            alternatives.add("(?<![\\w$\".])\\((?:" + String.join("|", reshaped.storedColumns.stream().map(Pattern::quote)
                    .toList()) + ")\\)\\.");
        }
        Users users = new Users();
        if (!alternatives.isEmpty()) {
            findUsers(Pattern.compile(String.join("|", alternatives)), users);
        }
        List<String> whatList = new ArrayList<>(going.stream().map(Function::signature).toList());
        whatList.addAll(reshaped.types);
        String what = String.join(", ", whatList);
        if (!users.setAside.isEmpty()) {
            planner.step("set aside what uses " + what + " (put back below)", String.join("\n", users.setAside),
                    users.objects, users.lockHazards);
        }
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
            planner.droppedEarly.add(old.signature());
        }
        if (!users.putBack.isEmpty()) {
            planner.step("put back what uses " + what, String.join("\n", users.putBack), users.objects,
                    users.putBackHazards);
        }
        users.rebuilt.forEach(Runnable::run);
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
            if (c instanceof Change.FunctionDropped dropped && !planner.setAside(dropped.function())) {
                Function old = function(from, dropped.function());
                boolean overloaded = to.functions().stream().anyMatch(f -> f.schema().equals(old.schema())
                        && f.name().equals(old.name()) && !planner.needsTables(f));
                if (overloaded) {
                    found.add(old);
                }
            }
        }
        return found;
    }

    /** Statements that remove and restore the function's users, and what they risk. */
    private static final class Users {
        final List<String> setAside = new ArrayList<>();
        final List<String> putBack = new ArrayList<>();
        final List<String> objects = new ArrayList<>();
        final List<Hazard> lockHazards = new ArrayList<>();
        final List<Hazard> putBackHazards = new ArrayList<>();
        /** Steps that rebuild what dropping generated columns took along; they run after the put-back. */
        final List<Runnable> rebuilt = new ArrayList<>();
    }

    private void findUsers(Pattern calls, Users users) {
        for (Table t : from.tables()) {
            String table = t.qualifiedName();
            Optional<Table> kept = to.table(table);
            int before = users.setAside.size();
            Set<String> regenerated = new LinkedHashSet<>();
            for (Column col : t.columns()) {
                String column = Sql.ident(col.name());
                if (col.inherited()) {
                    continue; // the parent's ALTER reaches its partitions and children
                }
                if (col.generated() != null && calls.matcher(col.generated()).find() && !changedInDiff(table, column)) {
                    // a generated column cannot lose its expression and get it back: drop it, add it again after
                    users.setAside.add("ALTER TABLE " + table + " DROP COLUMN " + column + ";");
                    users.objects.add(table + "." + column);
                    kept.flatMap(k -> k.columns().stream().filter(x -> x.name().equals(col.name())).findFirst())
                            .ifPresent(x -> {
                                users.putBack.add("ALTER TABLE " + table + " ADD COLUMN " + Ddl.column(x) + ";");
                                users.putBackHazards.add(new Hazard(Kind.TABLE_REWRITE, table, "rewrites " + table
                                        + planner.size(table) + " to compute " + column + " again"));
                                regenerated.add(column);
                            });
                    continue;
                }
                if (col.generated() != null || col.defaultExpression() == null
                        || !calls.matcher(col.defaultExpression()).find()) {
                    continue;
                }
                users.setAside.add("ALTER TABLE " + table + " ALTER COLUMN " + column + " DROP DEFAULT;");
                users.objects.add(table + "." + column);
                if (alteredLater(table, column)) {
                    continue; // its ALTER TABLE sets the target's default, after any type change
                }
                kept.flatMap(k -> k.columns().stream().filter(x -> x.name().equals(col.name())).findFirst())
                        .filter(x -> x.defaultExpression() != null && x.generated() == null)
                        .ifPresent(x -> users.putBack.add("ALTER TABLE " + table + " ALTER COLUMN " + column
                                + " SET DEFAULT " + x.defaultExpression() + ";"));
            }
            for (Constraint k : t.constraints()) {
                String name = Sql.ident(k.name());
                boolean usesIt = (k.type() == Constraint.Type.CHECK || k.type() == Constraint.Type.EXCLUSION)
                        && calls.matcher(k.definition()).find()
                        && k.columns().stream().noneMatch(c -> regenerated.contains(Sql.ident(c)));
                if (!usesIt || inDiff(table, name)) {
                    continue;
                }
                users.setAside.add(Ddl.dropConstraint(table, name));
                users.objects.add(table + "." + name);
                if (kept.isPresent()) {
                    // unchanged by the diff, so production's own definition and name are the target's
                    users.putBack.add(Ddl.addConstraint(table, k));
                    planner.remember("CONSTRAINT", name + " ON " + table, k.comment());
                    if (k.validated()) {
                        users.putBackHazards.add(new Hazard(Kind.FAILS_ON_DATA, table + "." + name,
                                "checks every row again: fails if one violates " + k.definition()));
                        planner.checks().forNewConstraint(table, k);
                    }
                    if (k.type() == Constraint.Type.EXCLUSION) {
                        users.putBackHazards.add(new Hazard(Kind.INDEX_BUILD, table + "." + name,
                                "builds the constraint's index again while writes to " + table + planner.size(table) + " wait"));
                    }
                }
            }
            for (Index i : from.indexes()) {
                if (!i.table().equals(table) || !calls.matcher(i.definition()).find() || inDiff(i.qualifiedName())
                        || regenerated.stream().anyMatch(c -> Dependents.mentions(i.definition(), c))) {
                    continue;
                }
                users.setAside.add("DROP INDEX " + i.qualifiedName() + ";");
                users.objects.add(i.qualifiedName());
                if (kept.isPresent()) {
                    users.putBack.add(Ddl.statement(i.definition()));
                    planner.remember("INDEX", i.qualifiedName(), i.comment());
                    users.putBackHazards.add(new Hazard(Kind.INDEX_BUILD, i.qualifiedName(),
                            "builds the index again while writes to " + table + planner.size(table) + " wait"));
                }
            }
            if (users.setAside.size() > before) {
                users.lockHazards.add(planner.lock(table));
            }
            if (!regenerated.isEmpty()) {
                users.rebuilt.add(() -> RebuiltColumns.putBack(planner, diff, from, t, kept.orElseThrow(), regenerated));
            }
        }
    }

    /** Columns the diff changes in any way: their ALTER TABLE comes later and expects them in place. */
    private boolean changedInDiff(String table, String column) {
        return diff.changes().stream().anyMatch(c -> table.equals(c.table()) && c.object().equals(table + "." + column));
    }

    /** Columns whose ALTER TABLE (after this) drops and sets their default anyway. */
    private boolean alteredLater(String table, String column) {
        return diff.changes().stream().anyMatch(c -> c.table() != null && c.table().equals(table)
                && ((c instanceof Change.ColumnTypeChanged x && x.column().equals(column))
                || (c instanceof Change.ColumnCollationChanged y && y.column().equals(column))
                || (c instanceof Change.ColumnDefaultChanged z && z.column().equals(column))));
    }

    /** Constraints and indexes the diff changes or drops are already gone when this runs. */
    private boolean inDiff(String table, String constraint) {
        return diff.changes().stream().anyMatch(c -> (c instanceof Change.ConstraintChanged x
                && x.table().equals(table) && x.constraint().equals(constraint))
                || (c instanceof Change.ConstraintDropped y && y.table().equals(table) && y.constraint().equals(constraint)
                && !diff.changes().contains(new Change.TableDropped(table))));
    }

    private boolean inDiff(String index) {
        return diff.changes().stream().anyMatch(c -> (c instanceof Change.IndexChanged || c instanceof Change.IndexDropped)
                && c.object().equals(index) && !diff.changes().contains(new Change.TableDropped(c.table())));
    }

    private static Function function(Snapshot s, String signature) {
        return s.functions().stream().filter(f -> f.signature().equals(signature)).findFirst().orElseThrow();
    }
}
