package io.schemabot.schema;

import io.schemabot.Progress;
import io.schemabot.UserError;
import io.schemabot.db.Connections;
import io.schemabot.db.DatabaseUrl;

import java.sql.Connection;
import java.sql.SQLException;

/** Snapshots a database by URL, reading columns on a second connection in the same MVCC snapshot. */
public final class LiveSchema {
    private LiveSchema() {
    }

    public static Snapshot read(DatabaseUrl url, SnapshotOptions options) {
        Progress.report("reading the schema of " + url.describe());
        try (Connection conn = Connections.open(url); Connection helper = Connections.open(url)) {
            return new CatalogReader(options).read(conn, helper);
        } catch (SQLException e) {
            throw new UserError("reading the schema of " + url.describe() + " failed: "
                    + e.getMessage(), e);
        }
    }
}
