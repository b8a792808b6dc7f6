package io.schemabot.migrate;

import java.util.List;

/**
 * A database's migration history against its migration files: what is applied, pending and failed, and what is
 * wrong (checksum mismatches, missing files, out-of-order and future versions). Also Alembic's revision when the
 * database has an alembic_version table. Without the files ({@code migrationsRead} false) nothing can be known to be
 * pending.
 */
public record MigrationStatus(String database, String historyTable, boolean historyExists, String currentVersion,
                              List<Entry> applied, List<Entry> pending, List<Entry> failed, List<Problem> problems,
                              List<String> alembicRevisions, boolean migrationsRead) {

    public MigrationStatus {
        applied = List.copyOf(applied);
        pending = List.copyOf(pending);
        failed = List.copyOf(failed);
        problems = List.copyOf(problems);
        alembicRevisions = List.copyOf(alembicRevisions);
    }

    /** One migration, as the history table and the files describe it. */
    public record Entry(String version, String description, String type, String script, String state,
                        String installedOn, String installedBy, Boolean success, Integer executionTimeMs) {
    }

    /** Something a person must look at before deploying. */
    public record Problem(Kind kind, String version, String message) {
        public enum Kind { FAILED, CHECKSUM_MISMATCH, MISSING_FILE, OUT_OF_ORDER, FUTURE_VERSION, DESCRIPTION_MISMATCH }
    }

    public boolean healthy() {
        return failed.isEmpty() && problems.isEmpty();
    }
}
