package io.schemabot.plan;

import io.schemabot.diff.ObjectChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.plan.Hazard.Kind;
import io.schemabot.schema.CompositeType;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Composite types: created before the tables and routines that use them, changed with one ALTER TYPE, dropped
 * after everything that used them. Attributes are positional, so an attribute out of place is dropped and added
 * again at the end; where a table stores values of the type, that loses those values (DATA_LOSS), and a new
 * attribute type is refused by PostgreSQL altogether (BLOCKING, with the manual steps).
 */
final class CompositeTypeSteps {
    private final Planner planner;
    private final DiffResult diff;
    private final Snapshot from;
    private final Snapshot to;

    CompositeTypeSteps(Planner planner, DiffResult diff, Snapshot from, Snapshot to) {
        this.planner = planner;
        this.diff = diff;
        this.from = from;
        this.to = to;
    }

    /** New types, and changes that only add attributes: before the tables and routines that may use them. */
    void createAndExtend() {
        List<CompositeType> added = diff.changes().stream().filter(c -> c instanceof ObjectChange.CompositeTypeAdded)
                .map(c -> type(to, c.object())).toList();
        for (CompositeType t : usedFirst(added)) {
            planner.step("create type " + t.qualifiedName(), "CREATE TYPE " + t.qualifiedName() + " AS " + t.definition()
                    + ";", t.qualifiedName());
            planner.remember("TYPE", t.qualifiedName(), t.comment());
            for (CompositeType.Attribute a : t.attributes()) {
                planner.remember("COLUMN", t.qualifiedName() + "." + Sql.ident(a.name()), a.comment());
            }
        }
        alter(false);
    }

    /** Changes that drop, move or retype attributes: once the views, rules and policies reading them are gone. */
    void reshape() {
        alter(true);
    }

    private void alter(boolean reshaping) {
        for (Change c : diff.changes()) {
            if (c instanceof ObjectChange.CompositeTypeChanged changed) {
                CompositeType before = type(from, changed.type());
                CompositeType after = type(to, changed.type());
                if (Reshaped.reshapes(before, after) == reshaping) {
                    alter(before, after);
                }
            }
        }
    }

    void drop() {
        List<CompositeType> dropped = diff.changes().stream().filter(c -> c instanceof ObjectChange.CompositeTypeDropped)
                .map(c -> type(from, c.object())).toList();
        List<CompositeType> ordered = new ArrayList<>(usedFirst(dropped));
        Collections.reverse(ordered);
        for (CompositeType t : ordered) {
            planner.step("drop type " + t.qualifiedName(), "DROP TYPE " + t.qualifiedName() + ";", t.qualifiedName());
        }
    }

    private void alter(CompositeType before, CompositeType after) {
        String name = after.qualifiedName();
        Set<String> wanted = after.attributes().stream().map(CompositeType.Attribute::name).collect(Collectors.toSet());
        List<CompositeType.Attribute> survivors = before.attributes().stream().filter(a -> wanted.contains(a.name())).toList();
        int inPlace = 0;
        while (inPlace < survivors.size() && survivors.get(inPlace).name().equals(after.attributes().get(inPlace).name())) {
            inPlace++;
        }
        List<String> actions = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        List<String> retyped = new ArrayList<>();
        for (CompositeType.Attribute a : before.attributes()) {
            int kept = survivors.indexOf(a);
            if (kept < 0 || kept >= inPlace) {
                actions.add("DROP ATTRIBUTE " + Sql.ident(a.name()));
                lost.add(a.name());
            } else if (!a.definition().equals(after.attributes().get(kept).definition())) {
                CompositeType.Attribute b = after.attributes().get(kept);
                actions.add("ALTER ATTRIBUTE " + Sql.ident(b.name()) + " TYPE " + b.type()
                        + (b.collation() == null ? "" : " COLLATE " + b.collation()));
                retyped.add(b.name());
            }
        }
        for (CompositeType.Attribute a : after.attributes().subList(inPlace, after.attributes().size())) {
            actions.add("ADD ATTRIBUTE " + a.definition());
            planner.remember("COLUMN", name + "." + Sql.ident(a.name()), a.comment());
        }
        List<String> stores = columnsStoring(name);
        if (!stores.isEmpty() && !retyped.isEmpty()) {
            planner.step("type " + name + " cannot be changed in place", Sql.comment("BLOCKED: attributes " + retyped + " of "
                    + name + " change type while " + String.join(", ", stores) + " store values of it. Manually: ALTER"
                    + " TYPE " + name + " ADD ATTRIBUTE for each with a new name and the new type; UPDATE each of those"
                    + " columns to copy the values over; DROP ATTRIBUTE the old ones and RENAME ATTRIBUTE the new ones."),
                    name, new Hazard(Kind.BLOCKING, name, "PostgreSQL cannot change the type of an attribute of a"
                            + " composite type that a table column stores"));
            return;
        }
        List<Hazard> hazards = new ArrayList<>();
        if (!stores.isEmpty() && !lost.isEmpty()) {
            hazards.add(new Hazard(Kind.DATA_LOSS, name, "attributes " + lost + " are dropped"
                    + (lost.stream().anyMatch(wanted::contains) ? " (those the target keeps come back empty, in its order)" : "")
                    + ": their values stored in " + String.join(", ", stores) + " are lost"));
        }
        planner.step("alter type " + name, "ALTER TYPE " + name + "\n    " + String.join(",\n    ", actions) + ";",
                List.of(name), hazards);
    }

    /**
     * Columns of FROM's tables holding values of the type (itself, an array of it, or a composite type nesting it
     * at any depth): PostgreSQL guards those.
     */
    private List<String> columnsStoring(String type) {
        Set<String> holders = Reshaped.withNesting(from, Set.of(type));
        List<String> columns = new ArrayList<>();
        for (Table t : from.tables()) {
            t.columns().stream().filter(c -> holders.stream().anyMatch(h -> Dependents.mentions(c.type(), h)))
                    .forEach(c -> columns.add(t.qualifiedName() + "." + Sql.ident(c.name())));
        }
        return columns;
    }

    /** Types whose attributes use another of the list come after it. */
    private static List<CompositeType> usedFirst(List<CompositeType> types) {
        List<CompositeType> pending = new ArrayList<>(types);
        List<CompositeType> ordered = new ArrayList<>();
        while (!pending.isEmpty()) {
            CompositeType next = pending.stream().filter(t -> pending.stream().noneMatch(o -> o != t
                    && Dependents.mentions(t.definition(), o.qualifiedName()))).findFirst().orElse(pending.get(0));
            ordered.add(next);
            pending.remove(next);
        }
        return ordered;
    }

    private static CompositeType type(Snapshot s, String name) {
        return s.compositeTypes().stream().filter(t -> t.qualifiedName().equals(name)).findFirst().orElseThrow();
    }
}
