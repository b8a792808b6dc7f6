package io.schemabot.chat;

import io.schemabot.config.Config;

/**
 * A parsed command: who asked where, the verb, its target or (for the request verbs) its request id and a
 * argument (a rejection's reason, or how many events {@code audit} shows), whether a hotfix may lose data; or the reply that ends it at once (usage, refusal, help).
 */
public record Parsed(Invocation invocation, Verb verb, Config.Target target, String requestId, String argument,
                     boolean allowDataLoss, Reply immediate) {
    public boolean needsWork() {
        return immediate == null;
    }

    /** What the command is about, for acks, metrics and the audit: the target, or the request id. */
    public String subject() {
        return target != null ? target.name() : requestId != null ? requestId : verb == Verb.HEALTH ? "health checks"
                : "requests";
    }

    /** The key under which identical commands still waiting for a worker share one run; null: never shared. */
    public String sharedKey() {
        return needsWork() && verb.shareable() ? verb.word() + " " + target.name() : null;
    }

    static Parsed done(Reply reply) {
        return new Parsed(null, null, null, null, null, false, reply);
    }
}
