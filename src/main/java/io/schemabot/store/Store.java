package io.schemabot.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.schemabot.db.ConnectionDefaults;
import io.schemabot.db.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * schemabot's own database, on any DataSource: its schema {@code schemabot} is migrated with Flyway on open, and
 * each kind of record it keeps (the audit log, and requests beside it) is a small class over the same DataSource.
 */
public final class Store implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Store.class);
    private final DataSource dataSource;
    private final AutoCloseable resources;
    private final AuditLog audit;

    /**
     * Opens the store on {@code dataSource}, which {@code where} names in messages (never with a password);
     * {@code resources} (a pool, a server) are closed with it.
     */
    public Store(DataSource dataSource, String where, AutoCloseable resources) {
        this.dataSource = dataSource;
        this.resources = resources;
        this.audit = new AuditLog(dataSource);
        try {
            Flyway.configure(Store.class.getClassLoader()).dataSource(dataSource).schemas("schemabot")
                    .table("schemabot_schema_history").locations("classpath:store/migrations").load().migrate();
        } catch (RuntimeException e) {
            LOG.warn("the store at {} is not ready ({}); commands still work, /health reports it", where, e.getMessage());
        }
    }

    /**
     * The store that {@code store.url} names, or an embedded PostgreSQL whose data lives in {@code dataDirectory}
     * and survives restarts.
     */
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
        java.util.Properties props = db.properties();
        ConnectionDefaults.apply(db.parameters(), java.time.Duration.ZERO).forEach(props::putIfAbsent);
        config.setDataSourceProperties(props);
        config.setMaximumPoolSize(4);
        config.setPoolName("schemabot-store");
        config.setInitializationFailTimeout(-1); // start even if the store is down; /health says so
        config.setConnectionTimeout(2000); // an audit record may wait two seconds, not thirty
        HikariDataSource pool = new HikariDataSource(config);
        EmbeddedPostgres server = embedded;
        return new Store(pool, db.describe(), () -> {
            pool.close();
            if (server != null) {
                server.close();
            }
        });
    }

    /** For the records that live beside the audit log (hotfix requests). */
    public DataSource dataSource() {
        return dataSource;
    }

    public AuditLog audit() {
        return audit;
    }

    public boolean reachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }
}
