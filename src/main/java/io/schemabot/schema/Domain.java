package io.schemabot.schema;

import io.schemabot.sql.Sql;

import java.util.List;

/** A domain: a base type with an optional default, NOT NULL, collation and named checks. */
public record Domain(String schema, String name, String baseType, boolean notNull, String defaultExpression,
                     String collation, List<DomainCheck> checks, String comment) {
    public Domain {
        checks = List.copyOf(checks);
    }

    public String qualifiedName() {
        return Sql.qualified(schema, name);
    }

    /** One CHECK of a domain, with the definition as pg_get_constraintdef prints it. */
    public record DomainCheck(String name, String definition) {
    }
}
