package io.schemabot.plan;

import io.schemabot.plan.Hazard.Kind;
import io.schemabot.schema.Column;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.schema.View;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Gives tables and materialized views the storage TO has: parameters, access method and column
 * settings. Runs after every table and view exists in its final shape, as ALTER TABLE ONLY (a parent's settings
 * are its own, not its children's). New tables and columns, and columns a type change or rebuild may have reset,
 * get every setting TO gives them.
 */
final class StorageSteps {
    private final Planner planner;
    private final Snapshot from;
    private final Snapshot to;
    /** Views this plan creates or rebuilds: created with all of their storage, their old columns gone. */
    private final Set<String> createdViews;

    StorageSteps(Planner planner, Snapshot from, Snapshot to, Set<String> createdViews) {
        this.planner = planner;
        this.from = from;
        this.to = to;
        this.createdViews = createdViews;
    }

    void plan() {
        for (Table after : to.tables()) {
            Table before = from.table(after.qualifiedName()).orElse(null);
            table(before, after);
        }
        // a new or recreated materialized view is created with all of it (Ddl.createView)
        for (View after : to.views()) {
            View before = from.views().stream().filter(v -> v.qualifiedName().equals(after.qualifiedName()))
                    .findFirst().orElse(null);
            if (after.materialized() && before != null && before.materialized()
                    && !createdViews.contains(after.qualifiedName())) {
                materializedView(before, after);
            }
        }
    }

    private void table(Table before, Table after) {
        String name = after.qualifiedName();
        List<String> clauses = new ArrayList<>();
        List<Hazard> hazards = new ArrayList<>();
        Map<String, String> wasOptions = before == null ? Map.of() : before.options();
        clauses.addAll(options(wasOptions, after.options()));
        String wasMethod = before == null ? null : before.accessMethod();
        if (!Objects.equals(wasMethod, after.accessMethod())) {
            // a partitioned table has no storage: DEFAULT leaves its partitions to default_table_access_method
            clauses.add("SET ACCESS METHOD " + (after.accessMethod() != null ? Sql.ident(after.accessMethod())
                    : after.partitioned() ? "DEFAULT" : "heap"));
            rewrite(before, after, "access method " + wasMethod + " -> " + after.accessMethod(), hazards);
        }
        Set<String> answered = new LinkedHashSet<>();
        Set<String> fresh = freshColumns(before, after);
        for (Column c : after.columns()) {
            Column was = before == null ? null : before.column(c.name()).orElse(null);
            Map<String, String> wasSettings = was == null ? Map.of() : was.settings();
            List<String> columnClauses = columnSettings(Sql.ident(c.name()), wasSettings, c.settings(),
                    fresh.contains(c.name()));
            if (!columnClauses.isEmpty()) {
                clauses.addAll(columnClauses);
                answered.add(name + "." + Sql.ident(c.name()));
                if (before != null && columnClauses.stream().anyMatch(k -> k.contains(" SET STORAGE ")
                        || k.contains(" SET COMPRESSION "))) {
                    hazards.add(planner.lock(name));
                }
            }
        }
        step(name, "TABLE", clauses, answered, hazards);
    }

    private void materializedView(View before, View after) {
        String name = after.qualifiedName();
        List<String> clauses = new ArrayList<>();
        List<Hazard> hazards = new ArrayList<>();
        if (!Objects.equals(before.accessMethod(), after.accessMethod())) {
            clauses.add("SET ACCESS METHOD " + Sql.ident(after.accessMethod() == null ? "heap" : after.accessMethod()));
        }
        if (!clauses.isEmpty()) {
            hazards.add(new Hazard(Kind.TABLE_REWRITE, name, "rewrites materialized view " + name
                    + " to change how it is stored"));
        }
        Set<String> answered = new LinkedHashSet<>();
        Map<String, Map<String, String>> wasColumns = new TreeMap<>();
        before.columns().forEach(c -> wasColumns.put(c.name(), c.settings()));
        Map<String, Map<String, String>> willColumns = new TreeMap<>();
        after.columns().forEach(c -> willColumns.put(c.name(), c.settings()));
        Set<String> names = new LinkedHashSet<>(wasColumns.keySet());
        names.addAll(willColumns.keySet());
        for (String column : names) {
            List<String> columnClauses = columnSettings(Sql.ident(column), wasColumns.getOrDefault(column, Map.of()),
                    willColumns.getOrDefault(column, Map.of()), false);
            clauses.addAll(columnClauses);
            if (!columnClauses.isEmpty()) {
                answered.add(name + "." + Sql.ident(column));
            }
        }
        step(name, "MATERIALIZED VIEW", clauses, answered, hazards);
    }

    private void step(String name, String kind, List<String> clauses, Set<String> answered, List<Hazard> hazards) {
        if (clauses.isEmpty()) {
            return;
        }
        List<String> objects = new ArrayList<>(List.of(name));
        objects.addAll(answered);
        planner.step("set storage of " + name, "ALTER " + kind + (kind.equals("TABLE") ? " ONLY " : " ") + name
                + "\n    " + String.join(",\n    ", clauses) + ";", objects, List.copyOf(new LinkedHashSet<>(hazards)));
    }

    /** Only an existing table with rows is rewritten; a new one is empty. */
    private void rewrite(Table before, Table after, String reason, List<Hazard> hazards) {
        if (before != null && !after.partitioned()) {
            hazards.add(planner.lock(after.qualifiedName()));
            hazards.add(new Hazard(Kind.TABLE_REWRITE, after.qualifiedName(), "rewrites " + after.qualifiedName()
                    + planner.size(after.qualifiedName()) + ": " + reason));
        }
    }

    /**
     * Columns whose settings this plan may have reset: new ones, and those retyped or rebuilt by
     * {@link TableAlterations} (a type change gives a column its new type's storage; a rebuilt generated
     * column starts over).
     */
    private Set<String> freshColumns(Table before, Table after) {
        Set<String> fresh = new LinkedHashSet<>();
        boolean retyped = false;
        for (Column c : after.columns()) {
            Column was = before == null ? null : before.column(c.name()).orElse(null);
            if (was == null || !was.type().equals(c.type()) || !Objects.equals(was.collation(), c.collation())
                    || !Objects.equals(was.generated(), c.generated())) {
                fresh.add(c.name());
                retyped |= was != null;
            }
        }
        if (retyped) {
            // generated columns that read a retyped column are dropped and added again
            after.columns().stream().filter(c -> c.generated() != null).forEach(c -> fresh.add(c.name()));
        }
        return fresh;
    }

    /** SET what TO adds or changes, RESET what it no longer has; values as literals, as PostgreSQL reads them. */
    private static List<String> options(Map<String, String> from, Map<String, String> to) {
        List<String> clauses = new ArrayList<>();
        List<String> reset = from.keySet().stream().filter(k -> !to.containsKey(k)).toList();
        if (!reset.isEmpty()) {
            clauses.add("RESET (" + reset.stream().map(Ddl::optionName).collect(Collectors.joining(", ")) + ")");
        }
        Map<String, String> set = new TreeMap<>(to);
        set.entrySet().removeIf(e -> e.getValue().equals(from.get(e.getKey())));
        if (!set.isEmpty()) {
            clauses.add("SET (" + Ddl.options(set) + ")");
        }
        return clauses;
    }

    /**
     * ALTER COLUMN clauses that take a column from {@code from} to {@code to}; {@code all} repeats the settings
     * that look unchanged, for a column whose settings PostgreSQL may have reset.
     */
    static List<String> columnSettings(String column, Map<String, String> from, Map<String, String> to, boolean all) {
        Map<String, String> was = all ? Map.of() : from;
        List<String> clauses = new ArrayList<>();
        String alter = "ALTER COLUMN " + column;
        for (String key : new java.util.TreeSet<>(from.keySet())) {
            if (!to.containsKey(key)) {
                clauses.add(alter + switch (key) {
                    case "statistics" -> " SET STATISTICS -1";
                    case "storage" -> " SET STORAGE DEFAULT";
                    case "compression" -> " SET COMPRESSION DEFAULT";
                    default -> " RESET (" + Ddl.optionName(key) + ")";
                });
            }
        }
        to.forEach((key, value) -> {
            if (!value.equals(was.get(key))) {
                clauses.add(alter + switch (key) {
                    case "statistics" -> " SET STATISTICS " + Integer.parseInt(value);
                    case "storage" -> " SET STORAGE " + value;
                    case "compression" -> " SET COMPRESSION " + Sql.ident(value);
                    default -> " SET (" + Ddl.options(Map.of(key, value)) + ")";
                });
            }
        });
        return clauses;
    }
}
