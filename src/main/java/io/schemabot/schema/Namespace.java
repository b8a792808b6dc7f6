package io.schemabot.schema;

import io.schemabot.sql.Sql;

/** A schema (namespace) with its comment. */
public record Namespace(String name, String comment) {
    public String qualifiedName() {
        return Sql.ident(name);
    }
}
