package io.schemabot.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource that opens each connection through {@link Connections}, for libraries that want one (Flyway): their
 * connections then get the same timeouts and belong to the same {@link ConnectionScope} as schemabot's own.
 */
public final class UrlDataSource implements DataSource {
    private final DatabaseUrl url;

    public UrlDataSource(DatabaseUrl url) {
        this.url = url;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return Connections.connect(url, java.time.Duration.ZERO);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the URL carries the credentials");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // nothing is written: errors reach the caller as exceptions
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // set per URL (ConnectionDefaults), not per DataSource
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
