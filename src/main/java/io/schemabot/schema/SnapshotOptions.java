package io.schemabot.schema;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What a snapshot covers: the schemas to read (empty: every user schema), tables to leave out by name,
 * and how long any one catalog query may run.
 */
public record SnapshotOptions(List<String> schemas, Set<String> excludedTables, Duration statementTimeout) {
    public SnapshotOptions {
        schemas = List.copyOf(schemas);
        excludedTables = Set.copyOf(excludedTables);
    }

    public static SnapshotOptions defaults() {
        return new SnapshotOptions(List.of(), CatalogReader.DEFAULT_EXCLUDED_TABLES, Duration.ofSeconds(60));
    }

    /** Leaves out a custom Flyway history table instead of the default one; null keeps the default. */
    public SnapshotOptions withHistoryTable(String table) {
        return table == null ? this : new SnapshotOptions(schemas, Set.of(table), statementTimeout);
    }

    public SnapshotOptions withSchemas(List<String> chosen) {
        return new SnapshotOptions(chosen, excludedTables, statementTimeout);
    }
}
