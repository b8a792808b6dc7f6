package io.schemabot.plan;

import io.schemabot.diff.ObjectChange;
import io.schemabot.diff.TableChange;
import io.schemabot.diff.DiffResult;
import io.schemabot.plan.Hazard.Kind;
import io.schemabot.schema.Column;
import io.schemabot.schema.Constraint;
import io.schemabot.schema.Domain;
import io.schemabot.schema.Function;
import io.schemabot.schema.Index;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.schema.Trigger;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What calls routines the plan drops and creates again, and that PostgreSQL will not let go under them: column
 * defaults, generated columns, check and exclusion constraints, indexes, domain defaults and checks, and trigger
 * WHEN conditions. They are set aside in one step before the routines go and put back, as production has them,
 * in one step after the routines are back. Objects the diff itself changes or drops are left to their own steps.
 */
final class RoutineUsers {
    private final Planner planner;
    private final DiffResult diff;
    private final Snapshot from;
    private final Snapshot to;
    private final Pattern calls;
    private final String what;
    private final List<String> setAside = new ArrayList<>();
    private final List<String> putBack = new ArrayList<>();
    private final List<String> objects = new ArrayList<>();
    private final List<Hazard> lockHazards = new ArrayList<>();
    private final List<Hazard> putBackHazards = new ArrayList<>();
    /** Steps that rebuild what dropping generated columns took along; they run after the put-back. */
    private final List<Runnable> rebuilt = new ArrayList<>();

    private RoutineUsers(Planner planner, DiffResult diff, Snapshot from, Snapshot to, Pattern calls, String what) {
        this.planner = planner;
        this.diff = diff;
        this.from = from;
        this.to = to;
        this.calls = calls;
        this.what = what;
    }

    /** The users of the routines (as FROM has them), found at once; none when no routine goes. */
    static RoutineUsers of(Planner planner, DiffResult diff, Snapshot from, Snapshot to, Collection<Function> going) {
        return of(planner, diff, from, to, going, List.of(), List.of(), List.of());
    }

    /**
     * The users of the routines and of the composite types reshaped in the same gap: an attribute read through a
     * call returning the type, or through a stored column's {@code (p).x}, holds the type as a call holds a routine.
     */
    static RoutineUsers of(Planner planner, DiffResult diff, Snapshot from, Snapshot to, Collection<Function> going,
                           Reshaped reshaped) {
        return of(planner, diff, from, to, going, reshaped.routines, reshaped.storedColumns, reshaped.types);
    }

    private static RoutineUsers of(Planner planner, DiffResult diff, Snapshot from, Snapshot to,
                                   Collection<Function> going, Collection<String> typeRoutines,
                                   Collection<String> storedColumns, Collection<String> types) {
        List<String> names = new ArrayList<>(qualifiedNames(going));
        names.addAll(typeRoutines);
        List<String> alternatives = new ArrayList<>();
        if (!names.isEmpty()) {
            alternatives.add(callOf(names));
        }
        if (!storedColumns.isEmpty()) {
            alternatives.add("(?<![\\w$\".])\\((?:" + String.join("|", storedColumns.stream()
                    .map(Pattern::quote).toList()) + ")\\)\\.");
        }
        List<String> whatList = new ArrayList<>(going.stream().map(Function::signature).toList());
        whatList.addAll(types);
        Pattern calls = alternatives.isEmpty() ? null : Pattern.compile(String.join("|", alternatives));
        RoutineUsers users = new RoutineUsers(planner, diff, from, to, calls, String.join(", ", whatList));
        if (calls != null) {
            users.findOnTables();
            users.findOnDomains();
            users.findTriggers();
        }
        return users;
    }

    /** A call of any of the routines, as pg_get_expr prints it (schema-qualified); one that never matches if none. */
    static Pattern calls(List<Function> routines) {
        return routines.isEmpty() ? Pattern.compile("(?!)") : Pattern.compile(callOf(qualifiedNames(routines)));
    }

    private static List<String> qualifiedNames(Collection<Function> routines) {
        return routines.stream().map(f -> Sql.qualified(f.schema(), f.name())).toList();
    }

    /** A call of one of the named routines, as deparsed expressions write it. */
    private static String callOf(Collection<String> names) {
        return "(?<![\\w$\".])(?:" + String.join("|", names.stream().map(Pattern::quote).distinct().toList())
                + ")\\s*\\(";
    }

    /** The step that removes the users; call it before the routines are dropped. */
    void setAside() {
        if (!setAside.isEmpty()) {
            planner.step("set aside what uses " + what + " (put back below)", String.join("\n", setAside), objects,
                    lockHazards);
        }
    }

    /** The steps that restore the users; call them once the routines exist again. */
    void putBack() {
        if (!putBack.isEmpty()) {
            planner.step("put back what uses " + what, String.join("\n", putBack), objects, putBackHazards);
        }
        rebuilt.forEach(Runnable::run);
    }

    private void findOnTables() {
        for (Table t : from.tables()) {
            String table = t.qualifiedName();
            Optional<Table> kept = to.table(table);
            int before = setAside.size();
            Set<String> regenerated = new LinkedHashSet<>();
            for (Column col : t.columns()) {
                if (!col.inherited()) { // the parent's ALTER reaches its partitions and children
                    columnUser(table, col, kept, regenerated);
                }
            }
            for (Constraint k : t.constraints()) {
                boolean usesIt = (k.type() == Constraint.Type.CHECK || k.type() == Constraint.Type.EXCLUSION)
                        && calls.matcher(k.definition()).find()
                        && k.columns().stream().noneMatch(c -> regenerated.contains(Sql.ident(c)));
                if (usesIt && !inDiff(table, Sql.ident(k.name()))) {
                    constraintUser(table, k, kept.isPresent());
                }
            }
            for (Index i : from.indexes()) {
                if (i.table().equals(table) && calls.matcher(i.definition()).find() && !inDiff(i.qualifiedName())
                        && regenerated.stream().noneMatch(c -> Dependents.mentions(i.definition(), c))) {
                    indexUser(table, i, kept.isPresent());
                }
            }
            if (setAside.size() > before) {
                lockHazards.add(planner.lock(table));
            }
            if (!regenerated.isEmpty()) {
                rebuilt.add(() -> RebuiltColumns.putBack(planner, diff, from, t, kept.orElseThrow(), regenerated));
            }
        }
    }

    private void columnUser(String table, Column col, Optional<Table> kept, Set<String> regenerated) {
        String column = Sql.ident(col.name());
        Optional<Column> next = kept.flatMap(k -> k.columns().stream().filter(x -> x.name().equals(col.name())).findFirst());
        if (col.generated() != null && calls.matcher(col.generated()).find() && !changedInDiff(table, column)) {
            // a generated column cannot lose its expression and get it back: drop it, add it again after (its
            // grants and statistics come back with RebuiltColumns)
            setAside.add(ColumnExtras.save(table, col.name()));
            setAside.add("ALTER TABLE " + table + " DROP COLUMN " + column + ";");
            objects.add(table + "." + column);
            next.ifPresent(x -> {
                putBack.add("ALTER TABLE " + table + " ADD COLUMN " + Ddl.column(x) + ";");
                putBackHazards.add(new Hazard(Kind.TABLE_REWRITE, table, "rewrites " + table + planner.size(table)
                        + " to compute " + column + " again"));
                regenerated.add(column);
            });
            return;
        }
        if (col.generated() != null || col.defaultExpression() == null || !calls.matcher(col.defaultExpression()).find()) {
            return;
        }
        setAside.add("ALTER TABLE " + table + " ALTER COLUMN " + column + " DROP DEFAULT;");
        objects.add(table + "." + column);
        if (!alteredLater(table, column)) { // else its ALTER TABLE sets the target's default, after any type change
            next.filter(x -> x.defaultExpression() != null && x.generated() == null)
                    .ifPresent(x -> putBack.add("ALTER TABLE " + table + " ALTER COLUMN " + column + " SET DEFAULT "
                            + x.defaultExpression() + ";"));
        }
    }

    private void constraintUser(String table, Constraint k, boolean kept) {
        String name = Sql.ident(k.name());
        setAside.add(Ddl.dropConstraint(table, name));
        objects.add(table + "." + name);
        planner.log().record(StepLog.Effect.DROPPED, table + "." + name);
        if (!kept) {
            return;
        }
        // unchanged by the diff, so production's own definition and name are the target's
        putBack.add(Ddl.addConstraint(table, k));
        planner.remember("CONSTRAINT", name + " ON " + table, k.comment());
        if (k.validated()) {
            putBackHazards.add(new Hazard(Kind.FAILS_ON_DATA, table + "." + name,
                    "checks every row again: fails if one violates " + k.definition()));
            planner.checks().forNewConstraint(table, k);
        }
        if (k.type() == Constraint.Type.EXCLUSION) {
            putBackHazards.add(new Hazard(Kind.INDEX_BUILD, table + "." + name,
                    "builds the constraint's index again while writes to " + table + planner.size(table) + " wait"));
        }
    }

    private void indexUser(String table, Index i, boolean kept) {
        setAside.add("DROP INDEX " + i.qualifiedName() + ";");
        objects.add(i.qualifiedName());
        planner.log().record(StepLog.Effect.DROPPED, i.qualifiedName());
        if (kept) {
            putBack.add(Ddl.statement(i.creation()));
            planner.remember("INDEX", i.qualifiedName(), i.comment());
            putBackHazards.add(new Hazard(Kind.INDEX_BUILD, i.qualifiedName(),
                    "builds the index again while writes to " + table + planner.size(table) + " wait"));
        }
    }

    /**
     * Domains keep their checks and default while the routine goes and comes back. A domain the diff changes has
     * TO's checks by now (its ALTER DOMAIN runs first); the ones it drops go last, so theirs are set aside too.
     */
    private void findOnDomains() {
        for (Domain d : from.domains()) {
            String name = d.qualifiedName();
            Optional<Domain> next = to.domains().stream().filter(x -> x.qualifiedName().equals(name)).findFirst();
            boolean changed = diff.changes().stream().anyMatch(c -> c instanceof ObjectChange.DomainChanged x && x.domain().equals(name));
            Domain now = changed ? next.orElse(d) : d;
            if (now.defaultExpression() != null && calls.matcher(now.defaultExpression()).find()) {
                setAside.add("ALTER DOMAIN " + name + " DROP DEFAULT;");
                objects.add(name);
                next.ifPresent(x -> putBack.add("ALTER DOMAIN " + name + " SET DEFAULT " + x.defaultExpression() + ";"));
            }
            for (Domain.DomainCheck check : now.checks()) {
                if (!calls.matcher(check.definition()).find()) {
                    continue;
                }
                setAside.add("ALTER DOMAIN " + name + " DROP CONSTRAINT " + Sql.ident(check.name()) + ";");
                objects.add(name + "." + Sql.ident(check.name()));
                if (next.isPresent()) {
                    putBack.add("ALTER DOMAIN " + name + " ADD CONSTRAINT " + Sql.ident(check.name()) + " "
                            + check.definition() + ";");
                    putBackHazards.add(new Hazard(Kind.FAILS_ON_DATA, name, "checks every stored value of the domain"
                            + " again: fails if one violates " + check.definition()));
                }
            }
        }
    }

    /** Triggers whose WHEN calls the routine, unless the plan drops and creates them anyway. */
    private void findTriggers() {
        for (Trigger t : from.triggers()) {
            String key = t.table() + "." + Sql.ident(t.name());
            String when = t.definition().contains(" WHEN (") ? t.definition().substring(t.definition().indexOf(" WHEN ("))
                    .replaceFirst(" EXECUTE (FUNCTION|PROCEDURE) .*$", "") : "";
            if (!calls.matcher(when).find() || planner.recreatesTrigger(key)) {
                continue;
            }
            setAside.add("DROP TRIGGER " + Sql.ident(t.name()) + " ON " + t.table() + ";");
            objects.add(key);
            if (to.triggers().stream().anyMatch(x -> x.table().equals(t.table()) && x.name().equals(t.name()))) {
                putBack.add(Ddl.createTrigger(t));
                planner.remember("TRIGGER", Sql.ident(t.name()) + " ON " + t.table(), t.comment());
            }
            if (!lockHazards.stream().anyMatch(h -> h.object().equals(t.table()))) {
                lockHazards.add(new Hazard(Kind.ACCESS_EXCLUSIVE_LOCK, t.table(), "DROP and CREATE TRIGGER lock "
                        + t.table() + " against writes until COMMIT"));
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
                && ((c instanceof TableChange.ColumnTypeChanged x && x.column().equals(column))
                || (c instanceof TableChange.ColumnCollationChanged y && y.column().equals(column))
                || (c instanceof TableChange.ColumnDefaultChanged z && z.column().equals(column))));
    }

    /** Constraints and indexes the diff changes or drops are already gone when this runs. */
    private boolean inDiff(String table, String constraint) {
        return diff.changes().stream().anyMatch(c -> (c instanceof TableChange.ConstraintChanged x
                && x.table().equals(table) && x.constraint().equals(constraint))
                || (c instanceof TableChange.ConstraintDropped y && y.table().equals(table) && y.constraint().equals(constraint)
                && !diff.changes().contains(new TableChange.TableDropped(table))));
    }

    private boolean inDiff(String index) {
        return diff.changes().stream().anyMatch(c -> (c instanceof TableChange.IndexChanged || c instanceof TableChange.IndexDropped)
                && c.object().equals(index) && !diff.changes().contains(new TableChange.TableDropped(c.table())));
    }
}
