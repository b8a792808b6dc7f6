package io.schemabot.execute;

import io.schemabot.secret.Redactor;
import io.schemabot.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** Reads which other sessions hold locks on given tables right now, from pg_locks and pg_stat_activity. */
final class Blockers {
    private static final int QUERY_LENGTH = 120;
    private static final String SQL = """
            SELECT DISTINCT a.pid, a.usename, a.application_name, a.state, coalesce(a.xact_start, a.query_start),
                   a.query
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.granted AND l.locktype = 'relation'
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND l.relation IN (SELECT to_regclass(t) FROM unnest(?::text[]) t)
              AND l.pid <> pg_backend_pid() AND l.pid <> ?
            ORDER BY a.pid
            """;

    private Blockers() {
    }

    /** The sessions other than this one and {@code ownPid} (the run's own transaction) holding locks on {@code tables}. */
    static List<Blocker> on(Connection conn, List<String> tables, int ownPid) throws SQLException {
        List<Blocker> found = new ArrayList<>();
        try (PreparedStatement st = conn.prepareStatement(SQL)) {
            st.setArray(1, conn.createArrayOf("text", tables.toArray()));
            st.setInt(2, ownPid);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Timestamp since = rs.getTimestamp(5);
                    found.add(new Blocker(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            since == null ? null : since.toInstant(), firstLine(rs.getString(6))));
                }
            }
        }
        return found;
    }

    /** Another team's query may hold production data or a connection string: one line, short, without passwords. */
    private static String firstLine(String query) {
        String line = query == null ? "" : query.strip().lines().findFirst().orElse("");
        line = Sql.oneLine(Redactor.urls(line));
        return line.length() <= QUERY_LENGTH ? line : line.substring(0, QUERY_LENGTH) + "…";
    }
}
