package io.schemabot.db;

import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A command past its deadline is stopped: its query cancelled on the server, its blocked thread freed. */
class ConnectionScopeTest {
    private static final String WAITING = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted";

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a safety net: without the stop, the query below would wait for the lock forever
    void stop_cancelsTheQueryAndFreesTheThreadBlockedOnIt() throws Exception {
        try (TestDatabase db = EmbeddedPg.createDatabase("scope"); Connection holder = db.connect();
             Statement hold = holder.createStatement()) {
            hold.execute("SELECT pg_advisory_lock(42)");
            ConnectionScope scope = new ConnectionScope();
            CompletableFuture<Void> command = CompletableFuture.runAsync(() -> {
                try (ConnectionScope entered = scope.enter(); Connection c = Connections.open(db.url());
                     Statement st = c.createStatement()) {
                    st.execute("SELECT pg_advisory_lock(42)"); // waits: the holder has it
                } catch (SQLException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
            awaitCount(hold, 1); // the command is now blocked on the server

            scope.stop();

            Exception stopped = assertThrows(Exception.class, () -> command.get(30, TimeUnit.SECONDS));
            assertTrue(stopped.getCause() instanceof IllegalStateException, String.valueOf(stopped));
            assertTrue(scope.stopped());
            awaitCount(hold, 0); // and the server no longer waits on its behalf
        }
    }

    @Test
    void connectionsOpenedAfterTheStop_areLeftAlone_soTheCommandCanCleanUp() throws Exception {
        try (TestDatabase db = EmbeddedPg.createDatabase("scope_after"); ConnectionScope scope = new ConnectionScope().enter()) {
            scope.stop();
            try (Connection c = Connections.open(db.url()); Statement st = c.createStatement()) {
                assertTrue(st.execute("SELECT 1"));
            }
        }
    }

    /** Polls the server's own lock table until it shows {@code expected} waiters (the test's timeout bounds it). */
    private static void awaitCount(Statement st, long expected) throws SQLException {
        while (true) {
            try (var rs = st.executeQuery(WAITING)) {
                rs.next();
                if (rs.getLong(1) == expected) {
                    return;
                }
            }
            Thread.onSpinWait(); // each round asks the server, which is what the wait is for; the test's timeout bounds it
        }
    }
}
