package io.schemabot.db;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections one command opens, so that a command past its deadline can be stopped: its queries are
 * cancelled on the server and its sockets closed, which frees the thread blocked reading them. A blocking socket
 * read ignores thread interrupts; closing the socket is the one thing that ends it.
 */
public final class ConnectionScope implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionScope.class);
    private static final ThreadLocal<ConnectionScope> CURRENT = new ThreadLocal<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    /** Connections this thread opens from now until close belong to this scope. */
    public ConnectionScope enter() {
        CURRENT.set(this);
        return this;
    }

    @Override
    public void close() {
        if (CURRENT.get() == this) {
            CURRENT.remove();
        }
    }

    public boolean stopped() {
        return stopped;
    }

    /**
     * Cancels what the scope's connections are running and closes them. Connections opened afterwards (a shadow
     * database being dropped on the way out) are left alone, so that the command can clean up after itself.
     */
    public void stop() {
        List<Connection> toStop;
        synchronized (this) {
            stopped = true;
            toStop = List.copyOf(open);
            open.clear();
        }
        for (Connection c : toStop) {
            try {
                if (!c.isClosed()) {
                    c.unwrap(PGConnection.class).cancelQuery();
                    c.abort(Runnable::run);
                }
            } catch (SQLException | RuntimeException e) {
                LOG.debug("stopping a connection past its deadline: {}", e.getMessage());
            }
        }
    }

    static Connection track(Connection c) {
        ConnectionScope scope = CURRENT.get();
        if (scope != null) {
            synchronized (scope) {
                if (!scope.stopped) {
                    scope.open.add(c);
                }
            }
        }
        return c;
    }
}
