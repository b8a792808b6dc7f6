package io.schemabot.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.schemabot.db.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * schemabot's own database: the one {@code store.url} names, or an embedded PostgreSQL whose data lives under
 * ./data and survives restarts. Its schema {@code schemabot} is migrated with Flyway on open.
 */
public final class Store implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Store.class);
    private final HikariDataSource pool;
    private final EmbeddedPostgres embedded;

    private Store(HikariDataSource pool, EmbeddedPostgres embedded) {
        this.pool = pool;
        this.embedded = embedded;
    }

    public static Store open(String url, Path dataDirectory) {
        EmbeddedPostgres embedded = null;
        DatabaseUrl db;
        if (url == null) {
            try {
                embedded = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).start();
            } catch (IOException e) {
                throw new UncheckedIOException("the embedded store under " + dataDirectory + " did not start", e);
            }
            db = DatabaseUrl.parse("jdbc:postgresql://localhost:" + embedded.getPort() + "/postgres?user=postgres");
        } else {
            db = DatabaseUrl.parse(url);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setDataSourceProperties(db.properties());
        config.setMaximumPoolSize(4);
        config.setPoolName("schemabot-store");
        config.setInitializationFailTimeout(-1); // start even if the store is down; /health says so
        config.setConnectionTimeout(2000); // an audit record may wait two seconds, not thirty
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Flyway.configure(Store.class.getClassLoader()).dataSource(pool).schemas("schemabot")
                    .table("schemabot_schema_history").locations("classpath:store/migrations").load().migrate();
        } catch (RuntimeException e) {
            LOG.warn("the store at {} is not ready ({}); commands still work, /health reports it", db.describe(),
                    DatabaseUrl.redact(e.getMessage()));
        }
        return new Store(pool, embedded);
    }

    /** Records a command; a store that is down must not stop the command, so failures are only returned. */
    public boolean audit(String user, String channel, String command, String target, String outcome) {
        try (Connection c = pool.getConnection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO schemabot.audit_log (user_id, channel_id, command, target, outcome) VALUES (?, ?, ?, ?, ?)")) {
            st.setString(1, user);
            st.setString(2, channel);
            st.setString(3, command);
            st.setString(4, target);
            st.setString(5, outcome);
            st.executeUpdate();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    public boolean reachable() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        pool.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
