package io.schemabot.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The embedded PostgreSQL of this JVM (zonky's binaries, started on first use, stopped at exit): the default
 * shadow server, the demo's database server, and the tests' server. Its superuser {@code postgres} connects
 * without a password from this machine; every other role must give one.
 */
public final class EmbeddedServer {
    private static EmbeddedPostgres server;

    private EmbeddedServer() {
    }

    public static synchronized EmbeddedPostgres get() {
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

    /** The superuser's URL for one database of the embedded server. */
    public static DatabaseUrl url(String database) {
        return DatabaseUrl.parse("jdbc:postgresql://localhost:" + get().getPort() + "/" + database + "?user=postgres");
    }

    public static void exec(String database, String sql) {
        try (Connection c = get().getDatabase("postgres", database).getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
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
