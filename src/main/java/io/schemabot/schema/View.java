package io.schemabot.schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.schemabot.sql.Sql;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A view or materialized view and its definition as pg_get_viewdef prints it. {@code options} are its reloptions
 * by name (security_barrier, security_invoker, check_option; storage parameters of a materialized view), which
 * the definition does not show. {@code columns} lists only the columns that carry a default or a comment: the
 * rest follow from the definition. {@code unpopulated} (a materialized view never filled, or created WITH NO
 * DATA) matters where rows are expected, as queries on such a view fail until it is refreshed; it is state that a
 * REFRESH changes, so the fingerprint leaves it out. {@code access} (owner and
 * grants, null when unknown) is kept for plans that recreate the view and is no part of its identity. A
 * materialized view's {@code accessMethod} and {@code tablespace} are null for heap and the default tablespace.
 * Empty, null or false new fields stay out of the JSON, so older snapshot files and their fingerprints read the same.
 */
public record View(String schema, String name, boolean materialized, String definition, String comment,
                   @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> options,
                   @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ViewColumn> columns,
                   @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean unpopulated,
                   @JsonInclude(JsonInclude.Include.NON_NULL) Access access,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String accessMethod,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String tablespace) {

    public View {
        // sorted, so that SQL and reports list options the same way on every run
        options = options == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(options));
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    /**
     * A column's default (ALTER VIEW .. SET DEFAULT, used by INSERTs through the view), comment and, on a
     * materialized view, its settings as {@link Column#settings()} names them.
     */
    public record ViewColumn(String name, String defaultExpression, String comment,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> settings) {
        public ViewColumn {
            settings = settings == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(settings));
        }
    }

    /**
     * This view as the fingerprint sees it: without owner, grants and tablespace, which differ between clusters, or
     * its data state.
     */
    public View withoutAccess() {
        return new View(schema, name, materialized, definition, comment, options, columns, false, null, accessMethod,
                null);
    }

    /** This view placed in {@code space} (null: the database's default), as a rebuild keeps production's placement. */
    public View inTablespace(String space) {
        return new View(schema, name, materialized, definition, comment, options, columns, unpopulated, access,
                accessMethod, space);
    }

    /** This view in the database's default tablespace, for a cluster that lacks the one it is in. */
    public View inDefaultTablespace() {
        return new View(schema, name, materialized, definition, comment, options, columns, unpopulated, access,
                accessMethod, null);
    }

    public String qualifiedName() {
        return Sql.qualified(schema, name);
    }
}
