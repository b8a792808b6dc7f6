package io.schemabot.chat;

import java.util.Locale;
import java.util.Optional;

/** The chat commands, parsed once, each with the rules the router and the transports apply to it. */
public enum Verb {
    HELP(true, false),
    TARGETS(true, false),
    /** Every health check's state, from the store. */
    HEALTH(true, false),
    STATUS(true, true),
    DIFF(true, true),
    PREFLIGHT(true, true),
    /** Each hotfix becomes its proposer's own request, so it is never shared. */
    HOTFIX(false, false),
    /** The request verbs take a request id instead of a target. */
    APPROVE(false, false),
    REJECT(false, false),
    WITHDRAW(false, false),
    CANCEL(false, false),
    EXECUTE(false, false),
    REPORT(true, false),
    REQUESTS(true, false),
    AUDIT(true, false);

    private final boolean readsOnly;
    private final boolean shareable;

    Verb(boolean readsOnly, boolean shareable) {
        this.readsOnly = readsOnly;
        this.shareable = shareable;
    }

    public static Optional<Verb> parse(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (Verb v : values()) {
            if (v.word().equals(w)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** The command's first word as typed (help when empty): what the audit records for any command. */
    public static String firstWord(String text) {
        String t = text == null ? "" : text.strip();
        return t.isEmpty() ? HELP.word() : t.split("\\s+")[0];
    }

    /** What a person types, and what metrics and the audit log call it. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Changes nothing anywhere; such commands may also be taken in direct messages. */
    public boolean readsOnly() {
        return readsOnly;
    }

    /**
     * Answers every asker alike, so askers still waiting for a worker may share one run ({@link SharedRuns}).
     */
    public boolean shareable() {
        return shareable;
    }

    /** Takes a request id rather than a target. */
    public boolean takesRequestId() {
        return this == APPROVE || this == REJECT || this == WITHDRAW || this == CANCEL || this == EXECUTE
                || this == REPORT;
    }

    /** What to say at once while the work runs. */
    public String ack(String target) {
        return switch (this) {
            case PREFLIGHT -> "Running preflight on " + target + "…";
            case HOTFIX -> "Planning a hotfix for " + target + "…";
            case EXECUTE -> "Executing " + target + "…";
            case APPROVE, REJECT, WITHDRAW, CANCEL, REQUESTS, REPORT, AUDIT, HEALTH -> "Working on " + target + "…";
            default -> "Checking " + target + "…";
        };
    }
}
