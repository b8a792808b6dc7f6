package io.schemabot.secret;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that hides secrets in text. Every path out goes through it: a UserError and
 * a ConfigException redact their message when made, the log layout redacts every line
 * it writes, and the command line writes its stderr through {@link #wrap}, which hides the passwords its own
 * arguments carry (however malformed the argument that carries them), and redacts the message of any error it
 * reports.
 */
public final class Redactor {
    private static final Pattern WORD = Pattern.compile("[^\\s'\"]+");
    private static final Pattern PASSWORD_VALUE = Pattern.compile("(?i)(password=)([^&]*)");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&\\s]*");
    /** A password in SQL text, as a blocking session's query may show it: CREATE/ALTER ROLE ... PASSWORD '...'. */
    private static final Pattern PASSWORD_LITERAL = Pattern.compile("(?i)(password\\s+)'(?:[^']|'')*'");

    /** Known secrets, longest first so that one holding another is hidden whole. */
    private final List<String> secrets;

    /**
     * Hides these exact strings, besides the passwords of URLs. Strings shorter than three characters are left
     * alone: masking every 'a' in a message would leave nothing to read, and such a password hides nothing anyway.
     */
    public Redactor(Collection<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s.length() >= 3).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /**
     * A watched service's URL as alerts and replies may show it: scheme, host, port and path, with any user info
     * and every query value masked. Such URLs carry tokens as often as passwords ({@code ?token=}, {@code
     * https://TOKEN@host}), and which parameter is a secret cannot be known.
     */
    public static String endpoint(String url) {
        try {
            java.net.URI uri = new java.net.URI(url);
            if (uri.getHost() == null) {
                return "(a URL that does not parse)";
            }
            StringBuilder out = new StringBuilder(uri.getScheme() == null ? "" : uri.getScheme() + "://");
            out.append(uri.getRawUserInfo() == null ? "" : "***@").append(uri.getHost())
                    .append(uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    .append(uri.getRawPath() == null ? "" : uri.getRawPath());
            if (uri.getRawQuery() != null) {
                out.append('?').append(String.join("&", java.util.Arrays.stream(uri.getRawQuery().split("&"))
                        .map(p -> p.contains("=") ? p.substring(0, p.indexOf('=')) + "=***" : p).toList()));
            }
            return out.toString();
        } catch (java.net.URISyntaxException e) {
            return "(a URL that does not parse)";
        }
    }

    /** A redactor for the passwords that command-line arguments carry, and the one PGPASSWORD holds. */
    public static Redactor forArguments(String... args) {
        List<String> secrets = new java.util.ArrayList<>(java.util.Arrays.stream(args).flatMap(a -> secretsIn(a).stream()).toList());
        String pgPassword = System.getenv("PGPASSWORD");
        if (pgPassword != null) {
            secrets.add(pgPassword);
        }
        return new Redactor(secrets);
    }

    /** The text with the known secrets hidden; URL passwords are {@link #urls}' job. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, "***");
        }
        return masked;
    }

    /**
     * Everything written through the returned writer has the known secrets hidden: the argument parser's messages
     * quote arguments as typed, and a stack trace under --debug repeats messages, so hiding them where they are
     * printed catches every path. Other text (a data check's example value that looks like {@code a:b@c}) is
     * left as it is.
     */
    public Writer wrap(Writer out) {
        return new FilterWriter(out) {
            @Override
            public void write(String text, int offset, int length) throws IOException {
                out.write(redact(text.substring(offset, offset + length)));
            }

            @Override
            public void write(char[] buffer, int offset, int length) throws IOException {
                write(new String(buffer, offset, length), 0, length);
            }

            @Override
            public void write(int c) throws IOException {
                write(String.valueOf((char) c), 0, 1);
            }
        };
    }

    /**
     * Removes passwords from any text that may hold a database URL, for logs and error messages: in every
     * whitespace-separated word, what lies between the user's ':' and the last '@' (with or without a scheme),
     * and the value of password= parameters.
     */
    public static String urls(String text) {
        if (text == null) {
            return null;
        }
        Matcher words = WORD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (words.find()) {
            String word = words.group();
            if ((word.startsWith("migrations:") || word.startsWith("filesystem:") || word.startsWith("classpath:"))
                    && !word.contains("://")) {
                // a migrations location (and its @version) holds no credentials, and "filesystem:" is no user
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
        return PASSWORD_LITERAL.matcher(PASSWORD_PARAM.matcher(out.toString()).replaceAll("$1***")).replaceAll("$1'***'");
    }

    /**
     * The text as one URL with its credentials hidden, whatever characters they hold: what follows the user's
     * ':' up to the '@' that ends the credentials (the last one a path follows), and each password= value up to
     * the next '&'. Only those places are masked, so a short password does not blot out the rest.
     */
    public static String url(String text) {
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

}
