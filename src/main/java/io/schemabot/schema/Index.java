package io.schemabot.schema;

import io.schemabot.sql.Sql;

import java.util.regex.Pattern;

/**
 * An index that no constraint owns (constraint-backed indexes belong to their constraint), with the full
 * definition pg_get_indexdef prints: method, expressions, INCLUDE, predicate.
 */
public record Index(String table, String schema, String name, boolean unique, String method, String definition,
                    String comment) {

    public String qualifiedName() {
        return Sql.qualified(schema, name);
    }

    /** The definition without the index's own name, so that equal indexes named differently compare equal. */
    public String shape() {
        return definition.replaceFirst(" INDEX " + Pattern.quote(Sql.ident(name)) + " ON ", " INDEX ON ");
    }
}
