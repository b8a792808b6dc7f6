package io.schemabot.health;

import io.schemabot.Durations;
import io.schemabot.secret.Redactor;

import java.time.Duration;

/** How checks quote what they saw: short, one error line, and never a password. */
final class Evidence {
    private static final int BODY_LINES = 6;
    private static final int BODY_CHARS = 600;

    private Evidence() {
    }

    /** The first lines of a response body, cut short: enough to recognise the failure, not a page of HTML. */
    static String firstLines(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String lines = String.join("\n", body.strip().lines().limit(BODY_LINES).toList());
        boolean cut = body.strip().lines().count() > BODY_LINES || lines.length() > BODY_CHARS;
        if (lines.length() > BODY_CHARS) {
            lines = lines.substring(0, BODY_CHARS);
        }
        return Redactor.urls(lines) + (cut ? "\n…" : "");
    }

    /** The error's own message, else its cause's, on one line with URL passwords hidden. */
    static String error(Throwable e) {
        Throwable t = e;
        while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
        return Redactor.urls(message.lines().findFirst().orElse(message).strip());
    }

    static String took(Duration latency) {
        return Durations.human(latency);
    }
}
