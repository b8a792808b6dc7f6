package io.schemabot.schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.schemabot.sql.Sql;

/**
 * A view or materialized view and its definition as pg_get_viewdef prints it; {@code access} (owner and grants,
 * null when unknown) is kept for plans that recreate it and is no part of its identity.
 */
public record View(String schema, String name, boolean materialized, String definition, String comment,
                   @JsonInclude(JsonInclude.Include.NON_NULL) Access access) {
    public View withoutAccess() {
        return new View(schema, name, materialized, definition, comment, null);
    }

    public String qualifiedName() {
        return Sql.qualified(schema, name);
    }
}
