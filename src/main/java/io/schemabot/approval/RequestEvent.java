package io.schemabot.approval;

import java.time.Instant;
import java.util.Locale;

/**
 * One row of a request's append-only history: what happened ({@code kind}), who did it (null for schemabot itself:
 * expiry, staleness), when, the plan hash it concerned, and its detail as JSON (a refusal's reason, an outcome's
 * figures), or null.
 */
public record RequestEvent(String requestId, int seq, Kind kind, String userId, Instant at, String planHash,
                           String detail) {

    /** One line for people: when, which request, what, by whom. */
    public String line() {
        return at + "  " + requestId + "  " + kind.label() + (userId == null ? "" : "  by " + userId);
    }

    /** The event names the store and the audit use, lower case: {@code proposed}, {@code approved}, ... */
    public enum Kind {
        PROPOSED, APPROVED, WITHDRAWN, REFUSED, REJECTED, CANCELLED, EXPIRED, STALE, EXECUTING, RETRYING, SUCCEEDED,
        FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind of(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }
}
