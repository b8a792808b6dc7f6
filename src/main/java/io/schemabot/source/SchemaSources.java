package io.schemabot.source;

import io.schemabot.UserError;
import io.schemabot.db.Connections;
import io.schemabot.db.DatabaseUrl;
import io.schemabot.schema.CatalogReader;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.SnapshotJson;
import io.schemabot.schema.SnapshotOptions;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Turns a SOURCE argument into a snapshot: a JDBC URL, a postgres:// URL, or file:snapshot.json.
 * Every failure becomes a {@link UserError} naming the source without its password.
 */
public final class SchemaSources {
    private SchemaSources() {
    }

    public static Snapshot load(String source, SnapshotOptions options) {
        if (source == null || source.isBlank()) {
            throw new UserError("empty source; give a database URL (postgres://..., jdbc:postgresql://...)"
                    + " or file:snapshot.json");
        }
        if (source.startsWith("file:")) {
            return fromFile(Path.of(source.substring("file:".length())));
        }
        return fromDatabase(parseUrl(source), options);
    }

    /** A label for reports: the database without credentials, or the file. */
    public static String label(String source) {
        if (source.startsWith("file:")) {
            return source;
        }
        try {
            return DatabaseUrl.parse(source).describe();
        } catch (IllegalArgumentException e) {
            return DatabaseUrl.redact(source);
        }
    }

    public static DatabaseUrl parseUrl(String source) {
        try {
            return DatabaseUrl.parse(source);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage() + "; sources are postgres://user:pass@host:port/db,"
                    + " jdbc:postgresql://host:port/db or file:snapshot.json");
        }
    }

    public static Snapshot fromDatabase(DatabaseUrl url, SnapshotOptions options) {
        try (Connection conn = Connections.open(url); Connection helper = Connections.open(url)) {
            return new CatalogReader(options).read(conn, helper);
        } catch (SQLException e) {
            throw new UserError("reading the schema of " + url.describe() + " failed: "
                    + DatabaseUrl.redact(e.getMessage()), e);
        }
    }

    static Snapshot fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("snapshot file " + file + " does not exist or is not a file");
        }
        try {
            return SnapshotJson.read(file);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }
}
