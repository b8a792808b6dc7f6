package io.schemabot.migrate;

import io.schemabot.UserError;
import io.schemabot.db.Connections;
import io.schemabot.db.DatabaseUrl;
import io.schemabot.db.EmbeddedServer;
import io.schemabot.sql.Sql;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * Where shadow databases live: the embedded PostgreSQL by default, or the server named by {@code --shadow-url}
 * (ideally the same major version as production). Each shadow database gets a unique name and is dropped on
 * close, also after a failure.
 */
public final class ShadowServer {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ShadowServer.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A maintenance connection's URL on the server given by URL; null for the embedded server. */
    private final DatabaseUrl given;
    private final EmbeddedServer embedded;

    private ShadowServer(DatabaseUrl given, EmbeddedServer embedded) {
        this.given = given;
        this.embedded = embedded;
    }

    /** The embedded server, which starts only when a shadow database is first needed. */
    public static ShadowServer embedded(EmbeddedServer server) {
        return new ShadowServer(null, server);
    }

    /** A server given by URL; its database is only used to create and drop shadow databases. */
    public static ShadowServer at(DatabaseUrl url) {
        return new ShadowServer(url, null);
    }

    /** {@code --shadow-url} or a target's {@code shadowUrl}; none means the embedded server. */
    public static ShadowServer fromOption(String shadowUrl, EmbeddedServer fallback) {
        return shadowUrl == null || shadowUrl.isBlank() ? embedded(fallback) : at(parse(shadowUrl));
    }

    /** Where shadow databases are created and dropped from. */
    private DatabaseUrl admin() {
        return given != null ? given : embedded.url("postgres");
    }

    private static DatabaseUrl parse(String url) {
        try {
            return DatabaseUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new UserError("--shadow-url: " + e.getMessage());
        }
    }

    public String describe() {
        return given == null ? "embedded PostgreSQL " + serverVersion() : given.describe() + " (PostgreSQL " + serverVersion() + ")";
    }

    public String serverVersion() {
        try (Connection c = Connections.open(admin()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw Connections.explain(admin(), e);
        }
    }

    /** Creates an empty database with a unique name; closing the handle drops it. */
    public ShadowDatabase create() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        String name = "schemabot_shadow_" + HexFormat.of().formatHex(bytes);
        execute("CREATE DATABASE " + name);
        return new ShadowDatabase(this, admin().withDatabase(name), name);
    }

    /**
     * Drops a shadow database. WITH (FORCE) needs PostgreSQL 13; older servers get their sessions ended first.
     * A failure is logged, never thrown: it must not hide the result the shadow was made for.
     */
    void drop(String name) {
        DatabaseUrl admin;
        try {
            admin = admin();
        } catch (RuntimeException e) {
            LOG.warn("could not drop shadow database {}: its server is gone ({})", name, e.getMessage());
            return;
        }
        // a command stopped at its deadline is interrupted; the driver would refuse to connect for its clean-up
        boolean interrupted = Thread.interrupted();
        try (Connection c = Connections.open(admin); Statement st = c.createStatement()) {
            int version;
            try (ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int")) {
                rs.next();
                version = rs.getInt(1);
            }
            if (version >= 130000) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } else {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = " + Sql.literal(name));
                st.execute("DROP DATABASE IF EXISTS " + name);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("could not drop shadow database {} on {}: {}", name, admin.describe(), e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void execute(String sql) {
        try (Connection c = Connections.open(admin()); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new UserError("shadow server " + admin().describe() + ": " + e.getMessage(), e);
        }
    }
}
