package io.schemabot.schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.schemabot.sql.Sql;

/**
 * A function or procedure. {@code arguments} is the identity argument list, which with the name makes the
 * signature; {@code definition} is the complete CREATE OR REPLACE statement from pg_get_functiondef;
 * {@code access} (owner and grants, null when unknown) is no part of its identity.
 */
public record Function(String schema, String name, String arguments, boolean procedure, String result,
                       String definition, String comment, @JsonInclude(JsonInclude.Include.NON_NULL) Access access) {
    public Function withoutAccess() {
        return new Function(schema, name, arguments, procedure, result, definition, comment, null);
    }

    public String signature() {
        return Sql.qualified(schema, name) + "(" + arguments + ")";
    }
}
