package io.schemabot.db;

import io.schemabot.UserError;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/** Opens connections and turns the driver's failures into one line a person can act on. */
public final class Connections {
    private Connections() {
    }

    public static Connection open(DatabaseUrl url) {
        return open(url, Duration.ZERO);
    }

    /**
     * A connection for statements that may run up to {@code longestStatement}: its socket waits that long and a
     * margin more (see {@link ConnectionDefaults}). It belongs to the current {@link ConnectionScope}, if any.
     */
    public static Connection open(DatabaseUrl url, Duration longestStatement) {
        try {
            return connect(url, longestStatement);
        } catch (SQLException e) {
            throw explain(url, e);
        }
    }

    /** As {@link #open}, with the driver's own exception, for libraries that report it themselves. */
    static Connection connect(DatabaseUrl url, Duration longestStatement) throws SQLException {
        Properties props = url.properties();
        ConnectionDefaults.apply(url.parameters(), longestStatement).forEach(props::putIfAbsent);
        return ConnectionScope.track(DriverManager.getConnection(url.jdbcUrl(), props));
    }

    /**
     * A connection that sends a script to the server whole, as psql does. The driver's own statement splitting
     * would cut a BEGIN ATOMIC function body at its inner semicolons.
     */
    public static Connection openForScripts(DatabaseUrl url) {
        java.util.Map<String, String> params = new java.util.HashMap<>(url.parameters());
        params.put("preferQueryMode", "simple");
        return open(new DatabaseUrl(url.host(), url.port(), url.database(), url.user(), url.password(), params));
    }

    /** Maps a connection failure to a user error naming the database, never its password. */
    public static UserError explain(DatabaseUrl url, SQLException e) {
        String where = url.describe();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (url.password() == null && String.valueOf(e.getMessage()).contains("no password was provided")) {
            // the server was reached and asked for a password: host and port are fine
            return new UserError("the server at " + where + " asks user '" + url.user() + "' for a password and none"
                    + " was given; give it in the URL or set PGPASSWORD", e);
        }
        String message = switch (state) {
            case "28P01" -> "password authentication failed for user '" + url.user() + "' on " + where
                    + "; check the credentials in the URL";
            case "28000" -> "the server at " + where + " rejected user '" + url.user()
                    + "' (no pg_hba.conf entry or role missing)";
            case "3D000" -> "database '" + url.database() + "' does not exist on " + url.host() + ":" + url.port();
            case "08001", "08004", "08006" -> "cannot connect to " + where + ": " + rootMessage(e)
                    + "; check host, port and that the server is running";
            default -> "cannot open " + where + ": " + rootMessage(e);
        };
        return new UserError(message, e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (t instanceof java.net.UnknownHostException) {
            msg = "unknown host " + msg;
        }
        return msg.lines().findFirst().orElse(msg).strip();
    }
}
