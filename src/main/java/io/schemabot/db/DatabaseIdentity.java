package io.schemabot.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Which database a URL reaches, as the server itself says: its cluster's system identifier, the database's oid,
 * and when the server started. Two URLs can spell one database differently (127.0.0.1 and localhost, a user in
 * the query or before '@'). A standby, or a copy restored from a base backup, shares the first two with its
 * primary while being another server, possibly diverged (staging restored from production): the start time
 * tells them apart.
 */
public record DatabaseIdentity(String systemIdentifier, long databaseOid, String serverStarted) {
    private static final String QUERY = "SELECT (SELECT system_identifier FROM pg_control_system())::text, oid,"
            + " pg_postmaster_start_time()::text FROM pg_database WHERE datname = current_database()";

    /** Empty when the server will not say (pg_control_system() can be withheld from a role). */
    public static Optional<DatabaseIdentity> of(DatabaseUrl url) {
        try (Connection c = Connections.open(url); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(QUERY)) {
            return rs.next() && rs.getString(1) != null
                    ? Optional.of(new DatabaseIdentity(rs.getString(1), rs.getLong(2), rs.getString(3))) : Optional.empty();
        } catch (SQLException e) {
            return Optional.empty();
        }
    }
}
