package io.schemabot.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL location given as a JDBC URL or a Heroku/Render-style URL, parsed into what the driver needs.
 * This is also the one place that knows how to hide a password in a URL.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password,
                          Map<String, String> parameters) {

    private static final Pattern WORD = Pattern.compile("[^\\s'\"]+");
    private static final Pattern PASSWORD_VALUE = Pattern.compile("(?i)(password=)([^&]*)");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&\\s]*");

    public DatabaseUrl {
        parameters = Map.copyOf(parameters);
    }

    /** Parses {@code jdbc:postgresql://...}, {@code postgres://...} or {@code postgresql://...}. */
    public static DatabaseUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty database URL");
        }
        String uriText;
        if (text.startsWith("jdbc:postgresql://")) {
            uriText = "postgresql://" + text.substring("jdbc:postgresql://".length());
        } else if (text.startsWith("postgres://") || text.startsWith("postgresql://")) {
            uriText = text;
        } else {
            throw new IllegalArgumentException("not a PostgreSQL URL: " + redactUrl(text)
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
        URI uri;
        try {
            uri = new URI("postgresql://" + rest);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed database URL: " + redactUrl(text)
                    + " (percent-encode special characters, e.g. a space as %20)");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("database URL has no host, or a port that is not a number: "
                    + redactUrl(text));
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (database.isBlank()) {
            throw new IllegalArgumentException("database URL names no database: " + redactUrl(text));
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
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        return new DatabaseUrl(uri.getHost(), port, database, user, password, params);
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

    /**
     * Removes passwords from any text that may hold a database URL, for logs and error messages: in every
     * whitespace-separated word, what lies between the user's ':' and the last '@' (with or without a scheme),
     * and the value of password= parameters.
     */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        Matcher words = WORD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (words.find()) {
            String word = words.group();
            if (word.startsWith("migrations:")) {
                // a migrations source names a location and a version: no credentials, and "filesystem:" is no user
                words.appendReplacement(out, Matcher.quoteReplacement(word));
                continue;
            }
            int start = word.indexOf("://") < 0 ? 0 : word.indexOf("://") + 3;
            int at = word.lastIndexOf('@');
            int colon = word.indexOf(':', start);
            if (at > 0 && colon >= start && colon < at) {
                word = word.substring(0, colon + 1) + "***" + word.substring(at);
            }
            words.appendReplacement(out, Matcher.quoteReplacement(word));
        }
        words.appendTail(out);
        return PASSWORD_PARAM.matcher(out.toString()).replaceAll("$1***");
    }

    /**
     * The text as one URL with its credentials hidden, whatever characters they hold: what follows the user's
     * ':' up to the '@' that ends the credentials (the last one a path follows), and each password= value up to
     * the next '&'. Only those places are masked, so a short password does not blot out the rest.
     */
    public static String redactUrl(String text) {
        String masked = text;
        int scheme = masked.indexOf("://");
        if (scheme >= 0) {
            int start = scheme + 3;
            String rest = masked.substring(start);
            int at = rest.lastIndexOf('@');
            while (at >= 0 && rest.indexOf('/', at) < 0 && rest.lastIndexOf('@', at - 1) >= 0) {
                at = rest.lastIndexOf('@', at - 1);
            }
            int colon = rest.indexOf(':');
            if (at >= 0 && colon >= 0 && colon < at) {
                masked = masked.substring(0, start + colon + 1) + "***" + masked.substring(start + at);
            }
        }
        return PASSWORD_VALUE.matcher(masked).replaceAll("$1***");
    }

    /**
     * The passwords an argument may carry, however malformed it is: the part after the user's ':' up to any '@'
     * (so a password holding an '@' is covered whichever '@' ends it), and password= values up to the next '&'.
     */
    public static List<String> secretsIn(String text) {
        Set<String> found = new TreeSet<>();
        if (text == null) {
            return List.of();
        }
        int scheme = text.indexOf("://");
        if (scheme >= 0) {
            String rest = text.substring(scheme + 3);
            int colon = rest.indexOf(':');
            for (int at = rest.indexOf('@'); at >= 0; at = rest.indexOf('@', at + 1)) {
                if (colon >= 0 && colon < at) {
                    found.add(rest.substring(colon + 1, at));
                }
            }
        }
        Matcher m = PASSWORD_VALUE.matcher(text);
        while (m.find()) {
            found.add(m.group(2));
        }
        found.remove("");
        return List.copyOf(found);
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
