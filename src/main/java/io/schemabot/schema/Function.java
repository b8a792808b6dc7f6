package io.schemabot.schema;

import io.schemabot.sql.Sql;

/**
 * A function or procedure. {@code arguments} is the identity argument list, which with the name makes the
 * signature; {@code definition} is the complete CREATE OR REPLACE statement from pg_get_functiondef.
 */
public record Function(String schema, String name, String arguments, boolean procedure, String result,
                       String definition, String comment) {
    public String signature() {
        return Sql.qualified(schema, name) + "(" + arguments + ")";
    }
}
