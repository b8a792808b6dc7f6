package io.schemabot.plan;

import io.schemabot.diff.ObjectChange;
import io.schemabot.plan.Hazard.Kind;
import io.schemabot.schema.Column;
import io.schemabot.schema.Constraint;
import io.schemabot.schema.EnumType;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.schema.View;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Removes or reorders enum labels, for which PostgreSQL has no statement, by making the type anew: the old type is
 * renamed aside, the new one created with TO's labels, each column of it converted through text (its default
 * dropped first and TO's set again), and the old type dropped at the end of the plan. A row holding a removed label
 * makes its conversion fail, so a data check counts such rows before the plan runs. What cannot simply follow the
 * new type (views, domains, composite types, routine signatures, expressions naming the type, a partition key, a
 * foreign key) keeps the change BLOCKING, with those users named.
 */
final class EnumRecreation {
    static final String OLD_SUFFIX = "__old";

    private final Planner planner;
    private final Snapshot from;
    private final Snapshot to;
    private final ObjectChange.EnumLabelsChanged change;

    private EnumRecreation(Planner planner, ObjectChange.EnumLabelsChanged change) {
        this.planner = planner;
        this.from = planner.from();
        this.to = planner.to();
        this.change = change;
    }

    /** Whether the change removes or reorders labels, which ADD VALUE cannot do. */
    static boolean needed(ObjectChange.EnumLabelsChanged c) {
        return !c.to().stream().filter(c.from()::contains).toList().equals(c.from());
    }

    static void plan(Planner planner, ObjectChange.EnumLabelsChanged c) {
        new EnumRecreation(planner, c).plan();
    }

    /** The renamed old types of enums this plan made anew, dropped once every step that used them has run. */
    static void dropOld(Planner planner, List<ObjectChange.EnumLabelsChanged> changes) {
        for (ObjectChange.EnumLabelsChanged c : changes) {
            EnumRecreation r = new EnumRecreation(planner, c);
            if (needed(c) && r.blockers().isEmpty()) {
                String old = r.oldName();
                planner.step("drop the old enum " + old, "DROP TYPE " + old + ";", c.type());
            }
        }
    }

    private void plan() {
        List<String> removed = change.from().stream().filter(l -> !change.to().contains(l)).toList();
        String what = removed.isEmpty() ? "reorders labels" : "removes " + removed;
        List<String> blockers = blockers();
        if (!blockers.isEmpty()) {
            String named = ObjectUsers.named(blockers, 5);
            planner.step("enum " + change.type() + " cannot be made anew here",
                    Sql.comment("BLOCKED: " + change.type() + " " + what + ", and " + named + " use it. Manually: ALTER"
                            + " TYPE " + change.type() + " RENAME TO old; create the type anew with " + change.to()
                            + "; ALTER every column of it TYPE the new type USING col::text::new; recreate what uses"
                            + " it; DROP TYPE old."),
                    change.type(), new Hazard(Kind.BLOCKING, change.type(), "PostgreSQL cannot remove or reorder enum"
                            + " labels (" + what + ") and " + named + " cannot simply follow a new type"));
            return;
        }
        planner.step("make enum " + change.type() + " anew (" + what + ")",
                "ALTER TYPE " + change.type() + " RENAME TO " + Sql.ident(Planner.enumType(from, change.type()).name() + OLD_SUFFIX)
                        + ";\nCREATE TYPE " + change.type() + " AS ENUM ("
                        + change.to().stream().map(Sql::literal).collect(Collectors.joining(", ")) + ");",
                change.type());
        // the comment stayed with the renamed type
        planner.remember("TYPE", change.type(), Planner.enumType(to, change.type()).comment());
        convertedColumns().forEach((table, columns) -> convert(table, columns, removed));
    }

    private void convert(String table, List<Column> columns, List<String> removed) {
        List<String> actions = new ArrayList<>();
        List<Hazard> hazards = new ArrayList<>(List.of(planner.lock(table), new Hazard(Kind.TABLE_REWRITE, table,
                "rewrites " + table + planner.size(table) + " to convert its columns to the new " + change.type())));
        List<String> names = new ArrayList<>();
        for (Column c : columns) {
            String col = Sql.ident(c.name());
            names.add(col);
            if (c.defaultExpression() != null) {
                actions.add("ALTER COLUMN " + col + " DROP DEFAULT");
            }
            String type = c.type();
            String text = type.endsWith("[]") ? "text[]" : "text";
            actions.add("ALTER COLUMN " + col + " TYPE " + type + " USING " + col + "::" + text + "::" + type);
            String restored = toColumn(table, c.name()).map(Column::defaultExpression).orElse(null);
            if (restored != null) {
                actions.add("ALTER COLUMN " + col + " SET DEFAULT " + restored);
            }
            if (!removed.isEmpty()) {
                String object = table + "." + col;
                String labels = removed.stream().map(Sql::literal).collect(Collectors.joining(", "));
                hazards.add(new Hazard(Kind.FAILS_ON_DATA, object, "fails if a row of " + table + " holds a removed"
                        + " label (" + labels + ") in " + col + "; the data check counts them"));
                String holds = text.equals("text") ? col + "::text IN (" + labels + ")"
                        : col + "::text[] && ARRAY[" + labels + "]::text[]";
                planner.checks().add(DataCheck.of(object, "rows of " + table + " whose " + col + " holds a label "
                        + change.type() + " loses (" + labels + ")", "SELECT count(*), min(" + col + "::text) FROM "
                        + table + " WHERE " + holds));
            }
        }
        planner.step("convert " + String.join(", ", names) + " of " + table + " to the new " + change.type(),
                "ALTER TABLE " + table + "\n    " + String.join(",\n    ", actions) + ";", List.of(table), hazards,
                List.of(new Step.Conversion(table, names)));
    }

    /** FROM's columns of the type (or an array of it) that TO keeps so, by table; inherited ones follow their parent. */
    private Map<String, List<Column>> convertedColumns() {
        Map<String, List<Column>> byTable = new LinkedHashMap<>();
        for (Table t : from.tables()) {
            for (Column c : t.columns()) {
                if (ofType(c) && !inherited(t, c) && toColumn(t.qualifiedName(), c.name())
                        .map(x -> x.type().equals(c.type())).orElse(false)) {
                    byTable.computeIfAbsent(t.qualifiedName(), k -> new ArrayList<>()).add(c);
                }
            }
        }
        return byTable;
    }

    /** What in FROM ties itself to the type otherwise than a column converted through text, described for people. */
    List<String> blockers() {
        String type = change.type();
        List<String> enumColumns = new ArrayList<>();
        from.tables().forEach(t -> t.columns().stream().filter(this::ofType)
                .forEach(c -> enumColumns.add("default of column " + t.qualifiedName() + "." + Sql.ident(c.name()))));
        List<String> blockers = new ArrayList<>(ObjectUsers.naming(from, text -> Dependents.mentions(text, type)));
        blockers.removeAll(enumColumns); // dropped and set again around the conversion
        from.domains().stream().filter(d -> Dependents.mentions(d.baseType(), type))
                .forEach(d -> blockers.add("domain " + d.qualifiedName()));
        from.compositeTypes().forEach(ct -> ct.attributes().stream().filter(a -> Dependents.mentions(a.type(), type))
                .forEach(a -> blockers.add("composite type " + ct.qualifiedName())));
        convertedColumns().forEach((table, columns) -> {
            Table t = from.table(table).orElseThrow();
            for (Column c : columns) {
                String col = Sql.ident(c.name());
                if (t.partitionKey() != null && Dependents.mentions(t.partitionKey(), col)) {
                    blockers.add("partition key of " + table);
                }
                if (foreignKeyOn(table, c.name())) {
                    blockers.add("a foreign key on " + table + "." + col);
                }
                // PostgreSQL refuses to change the type of a column a view, rule, policy or trigger reads
                for (View v : from.views()) {
                    if (Dependents.mentions(v.definition(), table)) {
                        blockers.add((v.materialized() ? "materialized view " : "view ") + v.qualifiedName());
                    }
                }
                from.rules().stream().filter(r -> r.table().equals(table) && Dependents.mentions(r.definition(), col))
                        .forEach(r -> blockers.add("rule " + Sql.ident(r.name()) + " on " + table));
                from.policies().stream().filter(p -> p.table().equals(table) && Dependents.mentions(p.definition(), col))
                        .forEach(p -> blockers.add("policy " + Sql.ident(p.name()) + " on " + table));
                from.triggers().stream().filter(g -> g.table().equals(table) && Dependents.mentions(g.definition(), col))
                        .forEach(g -> blockers.add("trigger " + Sql.ident(g.name()) + " on " + table));
            }
        });
        return blockers.stream().distinct().toList();
    }

    private boolean foreignKeyOn(String table, String column) {
        for (Table t : from.tables()) {
            for (Constraint k : t.foreignKeys()) {
                if ((t.qualifiedName().equals(table) && k.columns().contains(column))
                        || (table.equals(k.refTable()) && k.refColumns().contains(column))) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean ofType(Column c) {
        return c.type().equals(change.type()) || c.type().equals(change.type() + "[]");
    }

    /** A partition's or inheritance child's column that its parent has too: ALTER on the parent converts it. */
    private boolean inherited(Table t, Column c) {
        List<String> parents = new ArrayList<>(t.inherits());
        if (t.partitionOf() != null) {
            parents.add(t.partitionOf());
        }
        return c.inherited() || parents.stream().map(from::table).flatMap(Optional::stream)
                .anyMatch(p -> p.columns().stream().anyMatch(x -> x.name().equals(c.name())));
    }

    private Optional<Column> toColumn(String table, String column) {
        return to.table(table).flatMap(t -> t.columns().stream().filter(x -> x.name().equals(column)).findFirst());
    }

    /** Where the old type waits until the plan's end: its name with {@link #OLD_SUFFIX}, in its schema. */
    private String oldName() {
        EnumType e = Planner.enumType(from, change.type());
        return Sql.qualified(e.schema(), e.name() + OLD_SUFFIX);
    }
}
