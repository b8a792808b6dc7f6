package io.schemabot.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An embedded PostgreSQL (zonky's binaries), started on first use so that a command that needs no shadow
 * database never pays for it: the default shadow server, the demo's database server, and the tests' server.
 * Its superuser {@code postgres} connects without a password from this machine; every other role must give one.
 * Whoever creates it closes it.
 */
public final class EmbeddedServer implements AutoCloseable {
    private EmbeddedPostgres server;
    private boolean closed;

    public synchronized EmbeddedPostgres get() {
        if (closed) {
            throw new IllegalStateException("the embedded PostgreSQL was already stopped");
        }
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setDataDirectoryCustomizer(EmbeddedServer::requirePasswordsForOthers)
                        .setServerConfig("max_connections", "200")
                        .setServerConfig("fsync", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("the embedded PostgreSQL did not start: " + e.getMessage(), e);
            }
        }
        return server;
    }

    /** Whether anything has needed the server yet (it starts on first use, not when made). */
    public synchronized boolean started() {
        return server != null;
    }

    /** The superuser's URL for one database of the embedded server. */
    public DatabaseUrl url(String database) {
        return DatabaseUrl.parse("jdbc:postgresql://localhost:" + get().getPort() + "/" + database + "?user=postgres");
    }

    public void exec(String database, String sql) {
        try (Connection c = get().getDatabase("postgres", database).getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server if it was started; a server that will not stop is left to zonky's own exit hook. */
    @Override
    public synchronized void close() {
        closed = true;
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                LoggerFactory.getLogger(EmbeddedServer.class).warn("the embedded PostgreSQL did not stop: {}", e.getMessage());
            }
            server = null;
        }
    }

    private static void requirePasswordsForOthers(File dataDirectory) {
        Path hba = dataDirectory.toPath().resolve("pg_hba.conf");
        try {
            Files.writeString(hba, String.join("\n",
                    "local all all trust",
                    "host all postgres 127.0.0.1/32 trust",
                    "host all postgres ::1/128 trust",
                    "host all all 127.0.0.1/32 scram-sha-256",
                    "host all all ::1/128 scram-sha-256", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
