package io.schemabot.chat;

/** Where each received command is recorded (the store's audit log). */
@FunctionalInterface
public interface CommandAudit {
    void record(Invocation invocation, String verb, String target, String outcome);

    CommandAudit NONE = (invocation, verb, target, outcome) -> {
    };
}
