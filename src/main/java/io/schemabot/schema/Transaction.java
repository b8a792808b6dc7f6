package io.schemabot.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The catalog reader's transaction: READ ONLY and REPEATABLE READ (optionally in a snapshot exported by
 * another session), with timeouts and an empty search_path, rolled back and restored on close.
 */
final class Transaction implements AutoCloseable {
    private final Connection conn;
    private final boolean autoCommit;

    Transaction(Connection conn, SnapshotOptions options) throws SQLException {
        this(conn, options, null);
    }

    Transaction(Connection conn, SnapshotOptions options, String importedSnapshot) throws SQLException {
        this.conn = conn;
        this.autoCommit = conn.getAutoCommit();
        conn.setAutoCommit(false);
        try (Statement st = conn.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            if (importedSnapshot != null) {
                st.execute("SET TRANSACTION SNAPSHOT '" + importedSnapshot.replace("'", "''") + "'");
            }
            st.execute("SET LOCAL statement_timeout = " + options.statementTimeout().toMillis());
            st.execute("SET LOCAL lock_timeout = " + options.statementTimeout().toMillis());
            // Printed expressions then name every user object with its schema, the same on any cluster.
            st.execute("SET LOCAL search_path = ''");
            // 100,000 columns sorted in 4 MB of work_mem spill to disk; the reader's sorts fit in 64 MB.
            st.execute("SET LOCAL work_mem = '64MB'");
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    Statement statement() throws SQLException {
        Statement st = conn.createStatement();
        st.setFetchSize(5000);
        return st;
    }

    @Override
    public void close() throws SQLException {
        conn.rollback();
        conn.setAutoCommit(autoCommit);
    }
}
