package io.schemabot.schema;

/** A user trigger on a table or view, with the CREATE TRIGGER statement pg_get_triggerdef prints. */
public record Trigger(String table, String name, String definition, String enabled, String comment) {
}
