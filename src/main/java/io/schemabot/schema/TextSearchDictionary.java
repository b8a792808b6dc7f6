package io.schemabot.schema;

import io.schemabot.sql.Sql;

/**
 * A text search dictionary in a user schema: its template (qualified, e.g. {@code pg_catalog.snowball}) and its
 * options as PostgreSQL keeps them ({@code language = 'english', stopwords = 'english'}), or null for none.
 */
public record TextSearchDictionary(String schema, String name, String template, String options, String comment) {

    public String qualifiedName() {
        return Sql.qualified(schema, name);
    }

    /** The parenthesised list of CREATE TEXT SEARCH DICTIONARY. */
    public String definition() {
        return "TEMPLATE = " + template + (options == null || options.isBlank() ? "" : ", " + options);
    }
}
