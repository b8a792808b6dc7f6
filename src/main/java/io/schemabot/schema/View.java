package io.schemabot.schema;

import io.schemabot.sql.Sql;

/** A view or materialized view and its definition as pg_get_viewdef prints it. */
public record View(String schema, String name, boolean materialized, String definition, String comment) {
    public String qualifiedName() {
        return Sql.qualified(schema, name);
    }
}
