package io.schemabot.plan;

import io.schemabot.diff.ObjectChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.plan.Hazard.Kind;
import io.schemabot.schema.Aggregate;
import io.schemabot.schema.Function;
import io.schemabot.schema.Index;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.schema.View;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Plans the steps of views and materialized views: dropping those that must go before their tables change,
 * with the routines set aside around them in one dependency order; creating them again with everything their
 * definition does not say (options, column defaults and comments, owner and grants, indexes, and rows where
 * production's or TO's view held them); and changing the options and column defaults of views that stay.
 */
final class ViewSteps {
    private final Planner planner;
    private final DiffResult diff;
    private final Snapshot to;
    private final Dependents dependents;
    /** What calls the routines set aside (defaults, checks, indexes, ...): it steps aside around them. */
    private RoutineUsers users;

    ViewSteps(Planner planner, DiffResult diff, Snapshot to, Dependents dependents) {
        this.planner = planner;
        this.diff = diff;
        this.to = to;
        this.dependents = dependents;
    }

    /**
     * Views this plan drops or creates. Whatever hangs on them (indexes, triggers, comments, options, column
     * defaults) comes with their CREATE as TO has it, never as a change of its own.
     */
    Set<String> replaced() {
        Set<String> names = new LinkedHashSet<>();
        dependents.viewsToDrop().forEach(v -> names.add(v.qualifiedName()));
        diff.changes().stream().filter(c -> c instanceof ObjectChange.ViewAdded).forEach(c -> names.add(c.object()));
        return names;
    }

    /** Drops the views and routines set aside around the changes, each before what it uses. */
    void drop() {
        users = RoutineUsers.of(planner, diff, planner.from(), to, dependents.routinesToSetAside());
        users.setAside();
        List<Object> order = Views.creationOrder(setAside());
        for (int i = order.size() - 1; i >= 0; i--) {
            if (order.get(i) instanceof View v) {
                dropView(v);
            } else if (order.get(i) instanceof Aggregate a) {
                AggregateSteps.setAside(planner, a, "a support function it uses is set aside");
            } else {
                dropRoutine((Function) order.get(i));
            }
        }
    }

    private List<Object> setAside() {
        List<Object> objects = new ArrayList<>(dependents.viewsToDrop());
        objects.addAll(dependents.routinesToSetAside());
        objects.addAll(dependents.aggregatesToSetAside());
        return objects;
    }

    private void dropView(View v) {
        View next = named(to, v.qualifiedName());
        List<Hazard> hazards = new ArrayList<>();
        if (next != null && MaterializedViewData.filledWhenRebuilt(v, next)) {
            hazards.add(new Hazard(Kind.TABLE_REWRITE, v.qualifiedName(), "the materialized view is rebuilt and"
                    + " refilled: its query runs inside the transaction, so every lock the plan holds by then"
                    + " (on the tables it changes, and on the view) lasts as long as the query"));
        }
        // with both sides' privileges known, PrivilegeSteps gives a rebuilt view TO's column grants
        boolean columnGrantsPlanned = planner.from().privileges() != null && to.privileges() != null;
        if (next != null && !columnGrantsPlanned && (v.access() == null || v.access().columnGrants())) {
            hazards.add(new Hazard(Kind.PRIVILEGES, v.qualifiedName(), "the view is recreated without its"
                    + " column-level GRANTs: repeat them after COMMIT (\\dp " + v.qualifiedName() + " lists them)"));
        }
        List<String> storing = rowTypeUsers(v);
        if (!storing.isEmpty()) {
            hazards.add(new Hazard(Kind.BLOCKING, v.qualifiedName(), "PostgreSQL refuses to drop the view while table"
                    + " columns store its row type (" + String.join(", ", storing) + "). Manually: convert them to a"
                    + " type of their own (CREATE TYPE ... AS (...), USING the row's fields), then plan again"));
        }
        planner.step((next != null ? "drop view (recreated below) " : "drop view ") + v.qualifiedName(),
                Ddl.dropView(v.qualifiedName(), v.materialized()), List.of(v.qualifiedName()), hazards);
    }

    /** FROM's table columns of the view's row type, or of arrays of it. */
    private List<String> rowTypeUsers(View v) {
        List<String> columns = new ArrayList<>();
        for (Table t : planner.from().tables()) {
            t.columns().stream().filter(c -> c.type().equals(v.qualifiedName())
                            || c.type().equals(v.qualifiedName() + "[]"))
                    .forEach(c -> columns.add(t.qualifiedName() + "." + Sql.ident(c.name())));
        }
        return columns;
    }

    private void dropRoutine(Function f) {
        String kind = f.procedure() ? "PROCEDURE " : "FUNCTION ";
        boolean kept = routine(to, f.signature()) != null;
        planner.step((kept ? "set aside " : "drop ") + kind.toLowerCase(Locale.ROOT) + f.signature()
                + " (it uses a view, table or routine that is dropped or rebuilt" + (kept ? "; created again below)" : ")"),
                "DROP " + kind + f.signature() + ";", f.signature());
        planner.log().record(StepLog.Effect.DROPPED, f.signature());
    }

    /** Creates the views this plan drops or adds, and the routines set aside, each after what it uses. */
    void create() {
        Set<String> names = replaced();
        List<Object> wanted = new ArrayList<>(to.views().stream().filter(v -> names.contains(v.qualifiedName())).toList());
        dependents.routinesToSetAside().stream().map(f -> routine(to, f.signature())).filter(Objects::nonNull)
                .forEach(wanted::add);
        wanted.addAll(dependents.aggregatesToSetAside());
        for (Object o : Views.creationOrder(wanted)) {
            if (o instanceof View v) {
                createView(v);
            } else if (o instanceof Aggregate a) {
                AggregateSteps.createAgain(planner, a, to);
            } else {
                putBack((Function) o);
            }
        }
        users.putBack();
    }

    private void createView(View v) {
        View old = dependents.viewsToDrop().stream().filter(o -> o.qualifiedName().equals(v.qualifiedName()))
                .findFirst().orElse(null);
        boolean fill = MaterializedViewData.filledWhenRebuilt(old, v);
        // A rebuilt view is filled by REFRESH once its owner is back, so that its query runs as that owner: filled
        // by CREATE, it would read as whoever runs the plan, past the row security its owner is held to.
        boolean refillAsOwner = fill && old != null && old.access() != null;
        // a rebuilt materialized view stays on production's disks: tablespaces are no part of the diff
        View placed = old != null && old.materialized() && v.materialized() ? v.inTablespace(old.tablespace()) : v;
        planner.step("create " + (v.materialized() ? "materialized view " : "view ") + v.qualifiedName()
                + (v.materialized() && (!fill || refillAsOwner) ? " WITH NO DATA" : ""),
                Ddl.createView(placed, fill && !refillAsOwner), v.qualifiedName());
        // a recreated view gets back production's owner and grants before anyone can miss them
        if (old != null && old.access() != null) {
            planner.step("give " + v.qualifiedName() + " back its owner and grants",
                    Ddl.restoreAccess(v, old.access()), v.qualifiedName());
        }
        planner.remember(v.materialized() ? "MATERIALIZED VIEW" : "VIEW", v.qualifiedName(), v.comment());
        for (View.ViewColumn c : v.columns()) {
            planner.remember("COLUMN", v.qualifiedName() + "." + Sql.ident(c.name()), c.comment());
        }
        if (v.materialized()) {
            for (Index i : to.indexes()) {
                if (i.table().equals(v.qualifiedName())) {
                    planner.step("create index " + i.qualifiedName(), Ddl.statement(i.definition()),
                            i.qualifiedName());
                    planner.remember("INDEX", i.qualifiedName(), i.comment());
                }
            }
        }
        if (refillAsOwner) {
            MaterializedViewData.refresh(planner, v.qualifiedName(), "fill materialized view " + v.qualifiedName()
                    + " as its owner");
        }
    }

    /** A routine set aside, as TO has it, with production's owner and grants. */
    private void putBack(Function f) {
        Function old = dependents.routinesToSetAside().stream().filter(o -> o.signature().equals(f.signature()))
                .findFirst().orElseThrow();
        String sql = Ddl.statement(f.definition());
        if (old.access() != null) {
            sql += "\n" + Ddl.restoreAccess(f, old.access());
        }
        planner.step("create " + (f.procedure() ? "procedure " : "function ") + f.signature() + " again", sql,
                f.signature());
        planner.remember(f.procedure() ? "PROCEDURE" : "FUNCTION", f.signature(), f.comment());
    }

    /** Options and column defaults of views that are neither dropped nor created. */
    void alter() {
        Set<String> replaced = replaced();
        for (Change c : diff.changes()) {
            if (replaced.contains(c.table())) {
                continue;
            }
            if (c instanceof ObjectChange.ViewOptionsChanged o) {
                planner.step("set options of " + (o.materialized() ? "materialized view " : "view ") + o.view(),
                        Ddl.alterViewOptions(o.view(), o.materialized(), o.from(), o.to()), o.view());
            } else if (c instanceof ObjectChange.ViewColumnDefaultChanged d) {
                planner.step((d.to() == null ? "drop default of view column " : "set default of view column ")
                        + d.object(), Ddl.viewColumnDefault(d.view(), d.column(), d.to()), d.object());
            }
        }
    }

    private static Function routine(Snapshot s, String signature) {
        return s.functions().stream().filter(f -> f.signature().equals(signature)).findFirst().orElse(null);
    }

    private static View named(Snapshot s, String name) {
        return s.views().stream().filter(v -> v.qualifiedName().equals(name)).findFirst().orElse(null);
    }
}
