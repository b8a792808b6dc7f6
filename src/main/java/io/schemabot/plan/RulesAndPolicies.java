package io.schemabot.plan;

import io.schemabot.diff.ObjectChange;
import io.schemabot.diff.TableChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.schema.Column;
import io.schemabot.schema.Function;
import io.schemabot.schema.Policy;
import io.schemabot.schema.Rule;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.schema.View;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Plans rewrite rules, row-level security policies and the ENABLE / FORCE ROW LEVEL SECURITY switches. Rules and
 * policies the target drops or changes go before anything they use changes; those it keeps but that use a column
 * whose type changes, a view that is rebuilt or a routine that is replaced step aside the same way (PostgreSQL
 * refuses to retype or drop what they use) and come back exactly as the target has them, once tables, views and
 * routines are in place. A rebuilt view gets back the rules DROP VIEW took with it.
 */
final class RulesAndPolicies {
    private final Planner planner;
    private final DiffResult diff;
    private final Snapshot from;
    private final Snapshot to;
    /** Relations whose DROP takes their rules and policies along: dropped tables and dropped or rebuilt views. */
    private final Set<String> goneWithRelation = new LinkedHashSet<>();
    /** Kept rules and policies (by {@code name ON table}) dropped first and created again, with the reason. */
    private final Map<String, String> rulesAside = new LinkedHashMap<>();
    private final Map<String, String> policiesAside = new LinkedHashMap<>();

    RulesAndPolicies(Planner planner, DiffResult diff, Snapshot from, Snapshot to, Dependents dependents) {
        this.planner = planner;
        this.diff = diff;
        this.from = from;
        this.to = to;
        dependents.viewsToDrop().forEach(v -> goneWithRelation.add(v.qualifiedName()));
        diff.changes().stream().filter(c -> c instanceof TableChange.TableDropped).forEach(c -> goneWithRelation.add(c.table()));
        Map<String, Set<String>> columns = columnsThatChange();
        Set<String> views = dependents.viewsToDrop().stream().map(View::qualifiedName).collect(Collectors.toSet());
        Set<String> routines = routinesThatGo(dependents);
        Set<String> reshaped = dependents.reshaped.names;
        for (Rule r : from.rules()) {
            String reason = reason(r.table(), r.definition(), columns, views, routines, reshaped);
            if (reason != null && !goneWithRelation.contains(r.table())
                    && to.rules().stream().anyMatch(x -> x.onTable().equals(r.onTable()))) {
                rulesAside.put(r.onTable(), reason);
            }
        }
        for (Policy p : from.policies()) {
            String reason = reason(p.table(), p.definition(), columns, views, routines, reshaped);
            if (reason != null && !goneWithRelation.contains(p.table())
                    && to.policies().stream().anyMatch(x -> x.onTable().equals(p.onTable()))) {
                policiesAside.put(p.onTable(), reason);
            }
        }
    }

    /** Before views are dropped, routines replaced and tables altered or dropped. */
    void drop() {
        for (Rule r : from.rules()) {
            String why = rulesAside.get(r.onTable());
            if (why != null || changes(r.onTable(), TableChange.RuleDropped.class, TableChange.RuleChanged.class)) {
                dropStep("rule", r.table(), r.onTable(), why, "DROP RULE " + r.onTable() + ";");
            }
        }
        for (Policy p : from.policies()) {
            String why = policiesAside.get(p.onTable());
            if (why != null || changes(p.onTable(), TableChange.PolicyDropped.class, TableChange.PolicyChanged.class)) {
                dropStep("policy", p.table(), p.onTable(), why, "DROP POLICY " + p.onTable() + ";");
            }
        }
    }

    /** Once tables, views and routines are as the target has them. */
    void create() {
        for (Rule r : to.rules()) {
            if (rulesAside.containsKey(r.onTable()) || goneWithRelation.contains(r.table())
                    || changes(r.onTable(), TableChange.RuleAdded.class, TableChange.RuleChanged.class)) {
                String sql = Ddl.statement(r.definition());
                String enabled = switch (r.enabled() == null ? "O" : r.enabled()) {
                    case "D" -> "DISABLE RULE ";
                    case "R" -> "ENABLE REPLICA RULE ";
                    case "A" -> "ENABLE ALWAYS RULE ";
                    default -> null;
                };
                if (enabled != null) {
                    sql += "\nALTER TABLE " + r.table() + " " + enabled + Sql.ident(r.name()) + ";";
                }
                createStep("rule", r.table(), r.onTable(), sql);
                planner.remember("RULE", r.onTable(), r.comment());
            }
        }
        for (Policy p : to.policies()) {
            if (policiesAside.containsKey(p.onTable())
                    || changes(p.onTable(), TableChange.PolicyAdded.class, TableChange.PolicyChanged.class)) {
                createStep("policy", p.table(), p.onTable(), p.definition());
                planner.remember("POLICY", p.onTable(), p.comment());
            }
        }
        switchRowSecurity();
    }

    private void switchRowSecurity() {
        for (Table t : to.tables()) {
            Table was = from.table(t.qualifiedName()).orElse(null);
            List<String> clauses = new ArrayList<>();
            if (t.rowSecurity() != (was != null && was.rowSecurity())) {
                clauses.add((t.rowSecurity() ? "ENABLE" : "DISABLE") + " ROW LEVEL SECURITY");
            }
            if (t.forceRowSecurity() != (was != null && was.forceRowSecurity())) {
                clauses.add((t.forceRowSecurity() ? "FORCE" : "NO FORCE") + " ROW LEVEL SECURITY");
            }
            if (!clauses.isEmpty()) {
                String table = t.qualifiedName();
                planner.step(String.join(", ", clauses).toLowerCase(java.util.Locale.ROOT) + " on " + table,
                        "ALTER TABLE " + table + " " + String.join(", ", clauses) + ";", List.of(table),
                        was == null ? List.of() : List.of(planner.lock(table)));
            }
        }
    }

    private void dropStep(String kind, String table, String name, String aside, String sql) {
        if (goneWithRelation.contains(table)) {
            return;
        }
        planner.step("drop " + kind + " " + name + (aside == null ? "" : " (" + aside + "; created again below)"),
                sql, List.of(name), List.of(planner.lock(table)));
    }

    private void createStep(String kind, String table, String name, String sql) {
        boolean existing = from.table(table).isPresent() && !goneWithRelation.contains(table);
        planner.step("create " + kind + " " + name, sql, List.of(name),
                existing ? List.of(planner.lock(table)) : List.of());
    }

    /**
     * Why a kept rule or policy must step aside, or null. Matching names in its text is deliberately generous:
     * one set aside needlessly comes back unchanged, one missed makes the plan fail.
     */
    private static String reason(String table, String definition, Map<String, Set<String>> columns, Set<String> views,
                                 Set<String> routines, Set<String> reshaped) {
        for (Map.Entry<String, Set<String>> e : columns.entrySet()) {
            if (e.getKey().equals(table) || Dependents.mentions(definition, e.getKey())) {
                for (String column : e.getValue()) {
                    if (Dependents.mentions(definition, column)) {
                        return "it uses " + e.getKey() + "." + column + ", which changes type";
                    }
                }
            }
        }
        for (String view : views) {
            if (Dependents.mentions(definition, view)) {
                return "it uses view " + view + ", which is rebuilt";
            }
        }
        for (String routine : routines) {
            if (Dependents.mentions(definition, routine)) {
                return "it calls " + routine + ", which is replaced";
            }
        }
        for (String name : reshaped) {
            if (Dependents.mentions(definition, name)) {
                return "it reaches " + name + ", whose composite type or aggregate changes under it";
            }
        }
        return null;
    }

    /**
     * Columns ALTER TABLE retypes, or drops and adds again (generated columns, those reading a retyped column
     * included), by table.
     */
    private Map<String, Set<String>> columnsThatChange() {
        Map<String, Set<String>> columns = new LinkedHashMap<>();
        for (Change c : diff.changes()) {
            if (c instanceof TableChange.ColumnTypeChanged t) {
                columns.computeIfAbsent(t.table(), k -> new LinkedHashSet<>()).add(t.column());
            } else if (c instanceof TableChange.ColumnCollationChanged t) {
                columns.computeIfAbsent(t.table(), k -> new LinkedHashSet<>()).add(t.column());
            } else if (c instanceof TableChange.ColumnGeneratedChanged t) {
                columns.computeIfAbsent(t.table(), k -> new LinkedHashSet<>()).add(t.column());
            }
        }
        columns.forEach((table, names) -> from.table(table).ifPresent(t -> {
            for (Column col : t.columns()) {
                if (col.generated() != null && names.stream().anyMatch(n -> Dependents.mentions(col.generated(), n))) {
                    names.add(Sql.ident(col.name()));
                }
            }
        }));
        return columns;
    }

    /** Qualified names of routines the plan drops, replaces or sets aside while kept objects may call them. */
    private Set<String> routinesThatGo(Dependents dependents) {
        Set<String> names = new LinkedHashSet<>();
        dependents.routinesToSetAside().forEach(f -> names.add(Sql.qualified(f.schema(), f.name())));
        for (Change c : diff.changes()) {
            if (c instanceof ObjectChange.FunctionChanged || c instanceof ObjectChange.FunctionDropped) {
                Function before = routine(from, c.object());
                Function after = routine(to, c.object());
                if (after == null || RoutineSteps.needsReplacement(before, after)) {
                    names.add(Sql.qualified(before.schema(), before.name()));
                }
            }
        }
        return names;
    }

    private static Function routine(Snapshot s, String signature) {
        return s.functions().stream().filter(f -> f.signature().equals(signature)).findFirst().orElse(null);
    }

    @SafeVarargs
    private boolean changes(String object, Class<? extends Change>... kinds) {
        return diff.changes().stream().anyMatch(c -> c.object().equals(object)
                && java.util.Arrays.stream(kinds).anyMatch(k -> k.isInstance(c)));
    }
}
