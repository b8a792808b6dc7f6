package io.schemabot.migrate;

import io.schemabot.schema.LiveSchema;
import io.schemabot.Progress;
import io.schemabot.UserError;
import io.schemabot.db.DatabaseUrl;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.SnapshotOptions;
import org.flywaydb.core.api.FlywayException;

/**
 * The schema a database should have according to its migrations: the migrations up to a version, applied to a
 * fresh shadow database and snapshotted there. The shadow database is dropped afterwards, also on failure.
 */
public final class ExpectedSchema {
    private ExpectedSchema() {
    }

    /** The version that stands for "no migration applied": the state before the first migration. */
    public static final String NONE = "none";

    /** A Flyway version as a migration's file name spells it: 1, 2.1, 2_1. */
    public static final String VERSION = "[0-9][0-9._]*";

    public static boolean isVersion(String text) {
        return text != null && text.matches(VERSION);
    }

    /** A baseline given by a person: null (none) or a version. */
    public static void requireVersion(String baseline) {
        if (baseline != null && !isVersion(baseline)) {
            throw new UserError("baseline version '" + baseline + "' is not a version such as 1 or 2.1");
        }
    }

    /**
     * The version a database's migrations say it should be at: what its history has applied; with nothing applied,
     * Flyway's baseline where one is set, else {@link #NONE}, the state before the first migration (comparing with
     * every migration would plan by hand what the pending ones are about to create).
     */
    public static String expectedVersion(String applied, String baseline) {
        requireVersion(baseline);
        return applied != null ? applied : baseline != null ? baseline : NONE;
    }

    /** {@code version} null means every migration; {@link #NONE} means none, an empty database. */
    public static Snapshot build(MigrationSource source, String version, ShadowServer server, SnapshotOptions options) {
        return build(source, version, server, options, (schema, db) -> schema);
    }

    /**
     * As {@link #build(MigrationSource, String, ShadowServer, SnapshotOptions)}, handing the schema and the shadow
     * database that holds it to {@code whileOpen} before the database is dropped: that server printed the schema's
     * definitions, and can print another side's the same way.
     */
    public static <R> R build(MigrationSource source, String version, ShadowServer server, SnapshotOptions options,
                              java.util.function.BiFunction<Snapshot, DatabaseUrl, R> whileOpen) {
        Progress.report("applying the migrations" + (version == null ? "" : NONE.equals(version) ? " (none applied)"
                : " up to V" + version) + " to a shadow database");
        try (ShadowDatabase shadow = server.create()) {
            if (!NONE.equals(version)) {
                migrate(source, shadow.url(), version);
            }
            return whileOpen.apply(LiveSchema.read(shadow.url(), options), shadow.url());
        }
    }

    static void migrate(MigrationSource source, DatabaseUrl db, String version) {
        try {
            source.flyway(db, version).migrate();
        } catch (FlywayException e) {
            throw new UserError("the migrations in " + source.location() + (version == null ? "" : " up to V" + version)
                    + " do not apply to an empty database: " + StatusReader.firstLine(e.getMessage()), e);
        }
    }
}
