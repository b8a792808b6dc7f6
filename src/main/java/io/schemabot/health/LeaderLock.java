package io.schemabot.health;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Elects the one replica that runs the monitor: a session advisory lock on the store, held by a connection kept
 * for it. PostgreSQL frees the lock when that session ends, however the leader dies, and the next replica to try
 * takes it.
 */
final class LeaderLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderLock.class);
    /** Derived from a fixed name, so every schemabot of any version takes the same key (not the executor's). */
    static final long KEY = key("schemabot-health-leader");

    private final DataSource store;
    private Connection held;

    LeaderLock(DataSource store) {
        this.store = store;
    }

    /**
     * True while this replica leads: the lock is still held by a live session, or was free and is now taken.
     * A held session that died is let go first (PostgreSQL released its lock with it).
     */
    synchronized boolean holdOrTake() {
        if (held != null) {
            if (alive(held)) {
                return true;
            }
            LOG.warn("the health monitor's leader session on the store ended; trying to lead again");
            drop();
        }
        Connection c = null;
        try {
            c = store.getConnection();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT pg_try_advisory_lock(" + KEY + ")")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    // the server frees the lock when it sees the session gone: a leader whose host died or got
                    // cut off is seen gone within about 20 s, not after the operating system's two hours
                    st.execute("SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 3;"
                            + " SET tcp_keepalives_count = 3");
                    held = c;
                    LOG.info("this replica now runs the health monitor");
                    return true;
                }
            }
            c.close();
        } catch (SQLException e) {
            LOG.warn("the store did not answer the health monitor's leader election: {}", e.getMessage());
            if (c != null) {
                quietly(c);
            }
        }
        return false;
    }

    /**
     * Runs {@code work} in one transaction on the session that holds the lock: if that session is gone, so is the
     * lead, and the write fails instead of landing beside a new leader's.
     */
    synchronized void inTransaction(HealthStore.Work work) throws SQLException {
        if (held == null) {
            throw new SQLException("this replica no longer leads the health checks");
        }
        held.setAutoCommit(false);
        try {
            work.run(held);
            held.commit();
        } catch (SQLException | RuntimeException | Error e) {
            // rolled back before autocommit comes back on, which would otherwise commit half a round
            try {
                held.rollback();
            } catch (SQLException gone) {
                // the session is gone, and the transaction with it
            }
            throw e;
        } finally {
            try {
                held.setAutoCommit(true);
            } catch (SQLException gone) {
                // found dead by the next holdOrTake
            }
        }
    }

    synchronized boolean leading() {
        return held != null;
    }

    @Override
    public synchronized void close() {
        if (held == null) {
            return;
        }
        try (Statement st = held.createStatement()) {
            st.execute("SELECT pg_advisory_unlock(" + KEY + ")");
            quietly(held);
            held = null;
        } catch (SQLException e) {
            // the session may be gone (and its lock with it), or in doubt: it must not be used again
            drop();
        }
    }

    /** Discards the held session: a pooled connection must never go back to the pool holding the lock. */
    private void drop() {
        Connection c = held;
        held = null;
        try {
            if (store.isWrapperFor(HikariDataSource.class)) {
                store.unwrap(HikariDataSource.class).evictConnection(c);
                return;
            }
            c.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            // already gone
        }
        quietly(c);
    }

    private static boolean alive(Connection c) {
        try {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void quietly(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException e) {
            // nothing left to free
        }
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
