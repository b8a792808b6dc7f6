package io.schemabot;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one parser for durations people type: {@code 500ms}, {@code 5s}, {@code 15min}, {@code 2h}, {@code 1d}. */
public final class Durations {
    // A unit is required: PostgreSQL reads a bare "5" as 5 ms, people usually mean 5 s; neither guess is safe.
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,12})\\s*(ms|s|sec|m|min|h|d)");

    private Durations() {
    }

    public static Duration parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text.strip().toLowerCase(java.util.Locale.ROOT));
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 500ms, 5s, 15min, 2h or 1d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s", "sec" -> Duration.ofSeconds(n);
            case "m", "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** For people: {@code 2 min}, {@code 30 s}, {@code 1 h 30 min}, {@code 250 ms}. */
    public static String human(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + " ms";
        }
        long h = d.toHours();
        long m = d.toMinutesPart();
        long s = d.toSecondsPart();
        StringBuilder out = new StringBuilder();
        if (h > 0) {
            out.append(h).append(" h ");
        }
        if (m > 0) {
            out.append(m).append(" min ");
        }
        if (s > 0) {
            out.append(s).append(" s ");
        }
        return out.toString().strip();
    }

    /** The form PostgreSQL settings accept: {@code '5s'}, {@code '15min'}, {@code '250ms'}. */
    public static String postgres(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "min";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
