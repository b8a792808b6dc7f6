package io.schemabot.schema;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What a snapshot covers: the schemas to read (empty: every user schema), tables to leave out by name,
 * how long any one catalog query may run, and the roles whose grants are no part of the snapshot (a target's
 * {@code privileges.ignoreGrantees}: roles migrations cannot create), so that every fingerprint of the target
 * leaves them out alike.
 */
public record SnapshotOptions(List<String> schemas, Set<String> excludedTables, Duration statementTimeout,
                              Set<String> ignoredGrantees) {
    public SnapshotOptions {
        schemas = List.copyOf(schemas);
        excludedTables = Set.copyOf(excludedTables);
        ignoredGrantees = ignoredGrantees == null ? Set.of() : Set.copyOf(ignoredGrantees);
    }

    public SnapshotOptions(List<String> schemas, Set<String> excludedTables, Duration statementTimeout) {
        this(schemas, excludedTables, statementTimeout, Set.of());
    }

    public static SnapshotOptions defaults() {
        return new SnapshotOptions(List.of(), CatalogReader.DEFAULT_EXCLUDED_TABLES, Duration.ofSeconds(60));
    }

    /** Leaves out a custom Flyway history table instead of the default one; null keeps the default. */
    public SnapshotOptions withHistoryTable(String table) {
        return table == null ? this : new SnapshotOptions(schemas, Set.of(table), statementTimeout, ignoredGrantees);
    }

    public SnapshotOptions withSchemas(List<String> chosen) {
        return new SnapshotOptions(chosen, excludedTables, statementTimeout, ignoredGrantees);
    }

    /** Leaves out the grants to these roles (raw names, as the catalog spells them). */
    public SnapshotOptions withIgnoredGrantees(java.util.Collection<String> roles) {
        return new SnapshotOptions(schemas, excludedTables, statementTimeout, Set.copyOf(roles));
    }
}
