package io.schemabot.db;

import io.schemabot.secret.Redactor;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * A PostgreSQL location given as a JDBC URL or a Heroku/Render-style URL, parsed into what the driver needs.
 * {@link Redactor} is the one place that knows how to hide a password in one.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password,
                          Map<String, String> parameters) {


    public DatabaseUrl {
        parameters = Map.copyOf(parameters);
    }

    /** Parses {@code jdbc:postgresql://...}, {@code postgres://...} or {@code postgresql://...}. */
    public static DatabaseUrl parse(String text) {
        return parse(text, System::getenv);
    }

    /**
     * Parses with the environment that libpq reads, as psql would: PGPASSWORD when the URL has no password, and for
     * a postgres:// URL also PGUSER, PGHOST, PGPORT and PGDATABASE for what it lacks. Tests pass a map.
     */
    public static DatabaseUrl parse(String text, Function<String, String> environment) {
        Function<String, String> env = name -> {
            String value = environment.apply(name);
            return value == null || value.isEmpty() ? null : value;
        };
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty database URL");
        }
        String uriText;
        if (text.startsWith("jdbc:postgresql://")) {
            uriText = "postgresql://" + text.substring("jdbc:postgresql://".length());
        } else if (text.startsWith("postgres://") || text.startsWith("postgresql://")) {
            uriText = text;
        } else {
            throw new IllegalArgumentException("not a PostgreSQL URL: " + Redactor.url(text)
                    + " (expected jdbc:postgresql://, postgres:// or postgresql://)");
        }
        // Credentials first, by hand: a raw '#', '?' or '/' in a password would break URI parsing.
        String rest = uriText.substring(uriText.indexOf("://") + 3);
        String userInfo = null;
        // the credentials end at the last '@' that a path follows: an '@' in the query belongs to the query
        int at = rest.lastIndexOf('@');
        while (at >= 0 && rest.indexOf('/', at) < 0) {
            at = rest.lastIndexOf('@', at - 1);
        }
        if (at >= 0) {
            userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
        }
        boolean libpq = !text.startsWith("jdbc:");
        String hostFromEnv = libpq ? env.apply("PGHOST") : null;
        if (hostFromEnv != null && (rest.isEmpty() || "/:?".indexOf(rest.charAt(0)) >= 0)) {
            rest = hostFromEnv + rest;
        }
        URI uri;
        try {
            uri = new URI("postgresql://" + rest);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed database URL: " + Redactor.url(text)
                    + " (percent-encode special characters, e.g. a space as %20)");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("database URL has no host, or a port that is not a number: "
                    + Redactor.url(text));
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (libpq && database.isBlank() && env.apply("PGDATABASE") != null) {
            database = env.apply("PGDATABASE");
        }
        if (database.isBlank()) {
            throw new IllegalArgumentException("database URL names no database: " + Redactor.url(text));
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                params.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        String user = params.remove("user");
        String password = params.remove("password");
        if (userInfo != null) {
            String[] parts = userInfo.split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : password;
        }
        user = user == null && libpq ? env.apply("PGUSER") : user;
        password = password == null ? env.apply("PGPASSWORD") : password;
        String portFromEnv = libpq ? env.apply("PGPORT") : null;
        int port = uri.getPort() >= 0 ? uri.getPort() : portFromEnv != null ? port(portFromEnv) : 5432;
        return new DatabaseUrl(uri.getHost(), port, database, user, password, params);
    }

    private static int port(String fromEnvironment) {
        try {
            return Integer.parseInt(fromEnvironment.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PGPORT '" + fromEnvironment + "' is not a port number");
        }
    }

    /** The URL for the JDBC driver, without credentials (they go in {@link #properties()}). */
    public String jdbcUrl() {
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(host).append(':').append(port)
                .append('/').append(database);
        return url.toString();
    }

    /** A JDBC URL carrying the given parameters (not credentials), for tools that take only a URL. */
    public String jdbcUrl(Map<String, String> params) {
        if (params.isEmpty()) {
            return jdbcUrl();
        }
        StringBuilder url = new StringBuilder(jdbcUrl()).append('?');
        params.forEach((k, v) -> url.append(encode(k)).append('=').append(encode(v)).append('&'));
        return url.substring(0, url.length() - 1);
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Driver properties: credentials and any query parameters such as sslmode. */
    public Properties properties() {
        Properties props = new Properties();
        parameters.forEach(props::setProperty);
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return props;
    }

    /** Host, port and database, for messages: never a credential. */
    public String describe() {
        return host + ":" + port + "/" + database;
    }

    public DatabaseUrl withDatabase(String otherDatabase) {
        return new DatabaseUrl(host, port, otherDatabase, user, password, parameters);
    }

    @Override
    public String toString() {
        return (user == null ? "" : user + "@") + describe();
    }

    /** Percent-decodes; text that is not valid percent-encoding (a raw '%' in a password) stays as it is. */
    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
