package io.schemabot.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.schemabot.sql.Sql;

import java.util.regex.Pattern;

/**
 * An index that no constraint owns (constraint-backed indexes belong to their constraint), with the full
 * definition pg_get_indexdef prints (method, expressions, INCLUDE, predicate) and its tablespace unless the default.
 * {@code invalid}: PostgreSQL does not use or maintain it (a CREATE INDEX CONCURRENTLY that failed left it so): a
 * unique one enforces nothing. Left out of the JSON when false, so older files and fingerprints read the same.
 * {@code attachedTo}: for a partition's index that backs an index of its parent, the parent index (qualified).
 * Such an index is listed only when the choice of it says something: its name is not the one PostgreSQL gives the
 * clones it builds, or its parent index is still invalid (then which partitions are missing matters). Null
 * otherwise, and left out of the JSON, so older files and fingerprints read the same.
 */
public record Index(String table, String schema, String name, boolean unique, String method, String definition,
                    String comment, @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean invalid,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String attachedTo) {
    /** The clause the catalog query puts in a definition, before the predicate if there is one. */
    private static final Pattern TABLESPACE =
            Pattern.compile(" TABLESPACE (?:\"(?:[^\"]|\"\")*\"|[a-z_][a-z0-9_$]*)(?= WHERE |$)");

    /** An index that backs no parent index. */
    public Index(String table, String schema, String name, boolean unique, String method, String definition,
                 String comment, boolean invalid) {
        this(table, schema, name, unique, method, definition, comment, invalid, null);
    }

    public String qualifiedName() {
        return Sql.qualified(schema, name);
    }

    /** This index in the database's default tablespace, for a cluster that lacks the one it is in. */
    public Index inDefaultTablespace() {
        return new Index(table, schema, name, unique, method, TABLESPACE.matcher(definition).replaceFirst(""), comment,
                invalid, attachedTo);
    }

    /**
     * The statement that creates it. pg_get_indexdef writes a partitioned table's index ON ONLY the parent, which
     * would leave it invalid until each partition's index is attached; without ONLY, PostgreSQL attaches the
     * partitions' matching indexes (or builds them) and the index is valid at once.
     */
    public String creation() {
        return definition.replaceFirst(" ON ONLY ", " ON ");
    }

    /** Its definition and the parent index it backs, if any, as a diff shows a change of the latter. */
    public String attachment() {
        return definition + (attachedTo == null ? " (backs no parent index)" : " (backs " + attachedTo + ")");
    }

    /** The definition without the index's own name, so that equal indexes named differently compare equal. */
    public String shape() {
        return definition.replaceFirst(" INDEX " + Pattern.quote(Sql.ident(name)) + " ON ", " INDEX ON ");
    }
}
