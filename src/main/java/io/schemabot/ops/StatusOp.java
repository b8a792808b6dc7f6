package io.schemabot.ops;

import io.schemabot.db.DatabaseUrl;
import io.schemabot.migrate.MigrationSource;
import io.schemabot.migrate.MigrationStatus;
import io.schemabot.migrate.StatusReader;

/** The status verb: a database's Flyway history against its migration files (only read). */
public final class StatusOp {
    private StatusOp() {
    }

    public static MigrationStatus of(DatabaseUrl url, MigrationSource migrations) {
        return StatusReader.read(url, migrations);
    }
}
