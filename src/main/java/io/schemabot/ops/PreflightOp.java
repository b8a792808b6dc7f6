package io.schemabot.ops;

import io.schemabot.db.DatabaseUrl;
import io.schemabot.migrate.MigrationSource;
import io.schemabot.migrate.Preflight;
import io.schemabot.migrate.PreflightReport;
import io.schemabot.migrate.ShadowServer;
import io.schemabot.schema.SnapshotOptions;

import java.time.Duration;

/**
 * The preflight verb: pending migrations applied to a schema-only clone of the database, their data checks run
 * against the database itself, each within {@code checkTimeout}.
 */
public final class PreflightOp {
    private PreflightOp() {
    }

    /** {@code baselineVersion}: Flyway's, where one is set (null: none). */
    public static PreflightReport of(DatabaseUrl url, MigrationSource migrations, ShadowServer shadow,
                                     SnapshotOptions options, Duration checkTimeout, String baselineVersion) {
        return new Preflight(migrations, shadow, options, checkTimeout, baselineVersion).run(url);
    }
}
