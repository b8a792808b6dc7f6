package io.schemabot.testing;

import io.schemabot.db.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one embedded PostgreSQL of a test run, started on first use and stopped when the JVM exits, and the
 * fresh databases that test classes create in it. The superuser connects without a password; every other
 * role must give one, so that wrong-password handling can be tested for real.
 */
public final class EmbeddedPg {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    private EmbeddedPg() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setDataDirectoryCustomizer(EmbeddedPg::requirePasswords)
                        .setServerConfig("max_connections", "200")
                        .setServerConfig("fsync", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }
        return server;
    }

    private static void requirePasswords(java.io.File dataDirectory) {
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

    public static int port() {
        return server().getPort();
    }

    /** Creates an empty database with a unique name (prefix kept for readable logs). */
    public static TestDatabase createDatabase(String prefix) {
        String name = (prefix + "_" + COUNTER.incrementAndGet() + "_" + ProcessHandle.current().pid())
                .toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        execAsSuperuser("postgres", "CREATE DATABASE " + name);
        return new TestDatabase(name, port());
    }

    public static void execAsSuperuser(String database, String sql) {
        try (Connection c = server().getDatabase("postgres", database).getConnection();
             Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public static DatabaseUrl url(String database) {
        return DatabaseUrl.parse("jdbc:postgresql://localhost:" + port() + "/" + database + "?user=postgres");
    }
}
