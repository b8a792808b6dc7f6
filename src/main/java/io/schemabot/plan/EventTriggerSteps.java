package io.schemabot.plan;

import io.schemabot.diff.ObjectChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.schema.EventTrigger;
import io.schemabot.schema.Snapshot;
import io.schemabot.sql.Sql;

import java.util.Objects;

/**
 * Event triggers fire on DDL, the plan's own included: a new one (say, one refusing drops) must not act on the
 * statements after it, nor one the target drops, changes or disables on those before it. So the plan's first
 * statements drop those not expected and those whose event, tags or function change, and disable those to be
 * disabled; new and changed ones are created disabled, and only its last statements enable them. Creating one
 * takes a superuser.
 */
final class EventTriggerSteps {
    private final Planner planner;
    private final DiffResult diff;
    private final Snapshot from;
    private final Snapshot to;

    EventTriggerSteps(Planner planner, DiffResult diff, Snapshot from, Snapshot to) {
        this.planner = planner;
        this.diff = diff;
        this.from = from;
        this.to = to;
    }

    /** The plan's first statements: drops those going or changing, disables those to be disabled. */
    void dropAndDisable() {
        for (Change c : diff.changes()) {
            if (c instanceof ObjectChange.EventTriggerDropped d) {
                planner.step("drop event trigger " + d.trigger(), "DROP EVENT TRIGGER " + d.trigger() + ";", d.trigger());
            } else if (c instanceof ObjectChange.EventTriggerChanged changed) {
                if (recreated(changed)) {
                    planner.step("drop event trigger " + changed.trigger() + " (created again below)",
                            "DROP EVENT TRIGGER " + changed.trigger() + ";", changed.trigger());
                } else if ("D".equals(named(to, changed.trigger()).enabled())) {
                    planner.step("disable event trigger " + changed.trigger(), "ALTER EVENT TRIGGER "
                            + changed.trigger() + " DISABLE;", changed.trigger());
                }
            }
        }
    }

    /** Creates the new and changed ones disabled, once the routines they run exist. */
    void create() {
        for (Change c : diff.changes()) {
            if (c instanceof ObjectChange.EventTriggerAdded a) {
                create(named(to, a.trigger()));
            } else if (c instanceof ObjectChange.EventTriggerChanged changed && recreated(changed)) {
                create(named(to, changed.trigger()));
            }
        }
    }

    private boolean recreated(ObjectChange.EventTriggerChanged changed) {
        return !named(from, changed.trigger()).definition().equals(named(to, changed.trigger()).definition());
    }

    /** The plan's last statements: every trigger made or changed above gets the state TO gives it. */
    void enable() {
        for (Change c : diff.changes()) {
            if (c instanceof ObjectChange.EventTriggerAdded || c instanceof ObjectChange.EventTriggerChanged) {
                EventTrigger t = named(to, c.object());
                String mode = switch (Objects.requireNonNullElse(t.enabled(), "O")) {
                    case "D" -> null;
                    case "R" -> " ENABLE REPLICA;";
                    case "A" -> " ENABLE ALWAYS;";
                    default -> " ENABLE;";
                };
                if (mode != null) {
                    planner.step("enable event trigger " + c.object(), "ALTER EVENT TRIGGER " + c.object() + mode,
                            c.object());
                }
            }
        }
    }

    private void create(EventTrigger t) {
        String name = Sql.ident(t.name());
        planner.step("create event trigger " + name + " (disabled until the end of the plan)",
                t.definition() + ";\nALTER EVENT TRIGGER " + name + " DISABLE;", name);
        planner.remember("EVENT TRIGGER", name, t.comment());
    }

    private static EventTrigger named(Snapshot s, String quotedName) {
        return s.eventTriggers().stream().filter(t -> Sql.ident(t.name()).equals(quotedName)).findFirst().orElseThrow();
    }
}
