package io.schemabot.execute;

import java.util.List;

/**
 * The outcome of running an approved plan: one line for people, the step that failed (if one did), each attempt
 * with the sessions that blocked it, and the proof (null when the plan's transaction never reached its end).
 */
public record Execution(Outcome outcome, String message, FailedStep failedStep, List<Attempt> attempts, Proof proof) {
    public enum Outcome { SUCCEEDED, FAILED, STALE }

    /** The step an error stopped, numbered from 1 as the plan shows it, with the server's SQLSTATE. */
    public record FailedStep(int number, String title, String sqlState) {
    }

    public Execution {
        attempts = List.copyOf(attempts);
    }

    static Execution refused(Outcome outcome, String message) {
        return new Execution(outcome, message, null, List.of(), null);
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }
}
