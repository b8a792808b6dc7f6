package io.schemabot.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.schemabot.sql.Sql;

import java.util.regex.Pattern;

/**
 * An index that no constraint owns (constraint-backed indexes belong to their constraint), with the full
 * definition pg_get_indexdef prints (method, expressions, INCLUDE, predicate) and its tablespace unless the default.
 * {@code invalid}: PostgreSQL does not use or maintain it (a CREATE INDEX CONCURRENTLY that failed left it so): a
 * unique one enforces nothing. Left out of the JSON when false, so older files and fingerprints read the same.
 */
public record Index(String table, String schema, String name, boolean unique, String method, String definition,
                    String comment, @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean invalid) {
    /** The clause the catalog query puts in a definition, before the predicate if there is one. */
    private static final Pattern TABLESPACE =
            Pattern.compile(" TABLESPACE (?:\"(?:[^\"]|\"\")*\"|[a-z_][a-z0-9_$]*)(?= WHERE |$)");

    public String qualifiedName() {
        return Sql.qualified(schema, name);
    }

    /** This index in the database's default tablespace, for a cluster that lacks the one it is in. */
    public Index inDefaultTablespace() {
        return new Index(table, schema, name, unique, method, TABLESPACE.matcher(definition).replaceFirst(""), comment,
                invalid);
    }

    /**
     * The statement that creates it. pg_get_indexdef writes a partitioned table's index ON ONLY the parent, which
     * would leave it invalid until each partition's index is attached; without ONLY, PostgreSQL attaches the
     * partitions' matching indexes (or builds them) and the index is valid at once.
     */
    public String creation() {
        return definition.replaceFirst(" ON ONLY ", " ON ");
    }

    /** The definition without the index's own name, so that equal indexes named differently compare equal. */
    public String shape() {
        return definition.replaceFirst(" INDEX " + Pattern.quote(Sql.ident(name)) + " ON ", " INDEX ON ");
    }
}
