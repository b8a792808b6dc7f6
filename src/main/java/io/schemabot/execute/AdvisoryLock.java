package io.schemabot.execute;

import io.schemabot.db.Connections;
import io.schemabot.db.DatabaseUrl;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The target's session advisory lock that one run holds from its checks to its proof, so two runs (two clicks,
 * two replicas) never overlap. PostgreSQL keeps it per database and frees it when the session ends, however the
 * run ends. Its connection also reads blockers, being a session apart from the plan's transaction.
 */
final class AdvisoryLock implements AutoCloseable {
    /** Derived from a fixed name, so every schemabot, of any version, takes the same key. */
    static final long KEY = key("schemabot-hotfix");

    private final Connection connection;

    private AdvisoryLock(Connection connection) {
        this.connection = connection;
    }

    /** The lock, or empty when another session holds it. */
    static Optional<AdvisoryLock> tryTake(DatabaseUrl target) throws SQLException {
        Connection conn = Connections.open(target);
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_try_advisory_lock(" + KEY + ")")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return Optional.of(new AdvisoryLock(conn));
            }
        } catch (SQLException | RuntimeException e) {
            conn.close();
            throw e;
        }
        conn.close();
        return Optional.empty();
    }

    /**
     * The lock, waiting up to {@code wait} for a session that holds it only for a moment (a sweep judging a request
     * left executing); empty when it is still held after that.
     */
    static Optional<AdvisoryLock> take(DatabaseUrl target, java.time.Duration wait) throws SQLException {
        Connection conn = Connections.open(target);
        try (Statement st = conn.createStatement()) {
            st.execute("SET lock_timeout = " + Math.max(1, wait.toMillis()));
            st.execute("SELECT pg_advisory_lock(" + KEY + ")");
            st.execute("RESET lock_timeout");
            return Optional.of(new AdvisoryLock(conn));
        } catch (SQLException e) {
            conn.close();
            if (PlanTransaction.LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        } catch (RuntimeException e) {
            conn.close();
            throw e;
        }
    }

    Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        // closing the session frees the lock even if the unlock is never read
        connection.close();
    }

    private static long key(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
