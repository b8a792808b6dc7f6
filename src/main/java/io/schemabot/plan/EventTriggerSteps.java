package io.schemabot.plan;

import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.schema.EventTrigger;
import io.schemabot.schema.Snapshot;
import io.schemabot.sql.Sql;

import java.util.Objects;

/**
 * Event triggers fire on DDL, the plan's own included: a new one (say, one refusing drops) must not act on the
 * statements after it. So, before the routines they run may be dropped, the plan drops those not expected and those
 * whose event, tags or function change, and creates the new ones disabled; only its last statements enable them.
 * Creating one takes a superuser.
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

    /** Drops, and creates disabled; a trigger that is to be disabled is disabled here too. */
    void replace() {
        for (Change c : diff.changes()) {
            if (c instanceof Change.EventTriggerDropped d) {
                planner.step("drop event trigger " + d.trigger(), "DROP EVENT TRIGGER " + d.trigger() + ";", d.trigger());
            } else if (c instanceof Change.EventTriggerAdded a) {
                create(named(to, a.trigger()), "");
            } else if (c instanceof Change.EventTriggerChanged changed) {
                EventTrigger before = named(from, changed.trigger());
                EventTrigger after = named(to, changed.trigger());
                if (!before.definition().equals(after.definition())) {
                    create(after, "DROP EVENT TRIGGER " + changed.trigger() + ";\n");
                } else if ("D".equals(after.enabled())) {
                    planner.step("disable event trigger " + changed.trigger(), "ALTER EVENT TRIGGER "
                            + changed.trigger() + " DISABLE;", changed.trigger());
                }
            }
        }
    }

    /** The plan's last statements: every trigger made or changed above gets the state TO gives it. */
    void enable() {
        for (Change c : diff.changes()) {
            if (c instanceof Change.EventTriggerAdded || c instanceof Change.EventTriggerChanged) {
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

    private void create(EventTrigger t, String dropFirst) {
        String name = Sql.ident(t.name());
        planner.step("create event trigger " + name + " (disabled until the end of the plan)", dropFirst
                + t.definition() + ";\nALTER EVENT TRIGGER " + name + " DISABLE;", name);
        planner.remember("EVENT TRIGGER", name, t.comment());
    }

    private static EventTrigger named(Snapshot s, String quotedName) {
        return s.eventTriggers().stream().filter(t -> Sql.ident(t.name()).equals(quotedName)).findFirst().orElseThrow();
    }
}
