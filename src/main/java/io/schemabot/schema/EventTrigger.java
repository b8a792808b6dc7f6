package io.schemabot.schema;

import io.schemabot.sql.Sql;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A database-wide event trigger: the event, the command tags it is limited to (sorted; none means all), the
 * function it runs ({@code schema.name}, quoted as needed) and {@code enabled} as pg_event_trigger codes it
 * (O fires in origin sessions, D disabled, R replica, A always).
 */
public record EventTrigger(String name, String event, List<String> tags, String function, String enabled,
                           String comment) {
    public EventTrigger {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** CREATE EVENT TRIGGER as it was made, without its enabled state (ALTER EVENT TRIGGER sets that). */
    public String definition() {
        return "CREATE EVENT TRIGGER " + Sql.ident(name) + " ON " + Sql.ident(event)
                + (tags.isEmpty() ? "" : " WHEN TAG IN (" + tags.stream().map(Sql::literal).collect(Collectors.joining(", ")) + ")")
                + " EXECUTE FUNCTION " + function + "()";
    }

    /** The definition, and the enabled state where it is not the default: what the diff compares. */
    public String state() {
        return definition() + ("O".equals(enabled) ? "" : " [enabled=" + enabled + "]");
    }
}
