package io.schemabot.plan;

import io.schemabot.diff.TableChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Trigger;
import io.schemabot.schema.View;
import io.schemabot.sql.Sql;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Triggers: dropped early when they change, go, or name a column whose type changes (PostgreSQL ties them to it),
 * and created late, once their tables, columns and functions are as TO has them.
 */
final class TriggerSteps {
    private final Planner planner;
    private final DiffResult diff;
    private final Snapshot from;
    private final Snapshot to;
    private final Dependents dependents;

    TriggerSteps(Planner planner, DiffResult diff, Snapshot from, Snapshot to, Dependents dependents) {
        this.planner = planner;
        this.diff = diff;
        this.from = from;
        this.to = to;
        this.dependents = dependents;
    }

    /** Whether the trigger (table + "." + quoted name) is dropped and created by the trigger steps of this plan. */
    boolean recreates(String key) {
        return triggersOnRetypedColumns().contains(key) || diff.changes().stream().anyMatch(c -> c.object().equals(key))
                || dependents.viewsToDrop().stream().anyMatch(v -> key.startsWith(v.qualifiedName() + "."));
    }

    /** Triggers PostgreSQL ties to a column whose type changes (UPDATE OF col, WHEN on it): rebuilt around it. */
    private Set<String> triggersOnRetypedColumns() {
        Set<String> keys = new LinkedHashSet<>();
        for (Change c : diff.changes()) {
            if (c instanceof TableChange.ColumnTypeChanged t) {
                for (Trigger trigger : from.triggers()) {
                    if (trigger.table().equals(t.table()) && Dependents.mentions(trigger.definition(), t.column())
                            && to.triggers().stream().anyMatch(x -> x.table().equals(trigger.table())
                            && x.name().equals(trigger.name()))) {
                        keys.add(trigger.table() + "." + Sql.ident(trigger.name()));
                    }
                }
            }
        }
        return keys;
    }

    void drop() {
        for (String key : triggersOnRetypedColumns()) {
            Trigger t = from.triggers().stream().filter(x -> (x.table() + "." + Sql.ident(x.name())).equals(key))
                    .findFirst().orElseThrow();
            if (diff.changes().stream().noneMatch(c -> c.object().equals(key))) {
                planner.step("drop trigger " + Sql.ident(t.name()) + " on " + t.table() + " (a column it names changes type;"
                        + " recreated below)", "DROP TRIGGER " + Sql.ident(t.name()) + " ON " + t.table() + ";",
                        List.of(key), planner.locks(List.of(t.table())));
            }
        }
        Set<String> droppedViews = dependents.viewsToDrop().stream().map(View::qualifiedName).collect(Collectors.toSet());
        Set<String> droppedTables = changes(TableChange.TableDropped.class).stream().map(Change::table)
                .collect(Collectors.toSet());
        for (Change c : diff.changes()) {
            String table;
            String name;
            if (c instanceof TableChange.TriggerDropped t) {
                table = t.table();
                name = t.trigger();
            } else if (c instanceof TableChange.TriggerChanged t) {
                table = t.table();
                name = t.trigger();
            } else {
                continue;
            }
            if (!droppedTables.contains(table) && !droppedViews.contains(table)) {
                planner.step("drop trigger " + name + " on " + table, "DROP TRIGGER " + name + " ON " + table + ";",
                        List.of(table + "." + name), planner.locks(List.of(table)));
            }
        }
    }

    void create() {
        Set<String> recreatedViews = dependents.viewsToDrop().stream().map(View::qualifiedName)
                .collect(Collectors.toSet());
        Set<String> wanted = new LinkedHashSet<>();
        for (Change c : diff.changes()) {
            if (c instanceof TableChange.TriggerAdded || c instanceof TableChange.TriggerChanged) {
                wanted.add(c.object());
            }
        }
        wanted.addAll(triggersOnRetypedColumns());
        for (Trigger t : to.triggers()) {
            String key = t.table() + "." + Sql.ident(t.name());
            if (wanted.contains(key) || recreatedViews.contains(t.table())) {
                String sql = Ddl.createTrigger(t);
                planner.step("create trigger " + Sql.ident(t.name()) + " on " + t.table(), sql, key);
                planner.remember("TRIGGER", Sql.ident(t.name()) + " ON " + t.table(), t.comment());
            }
        }
    }

    private <T extends Change> List<T> changes(Class<T> kind) {
        return diff.changes().stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
