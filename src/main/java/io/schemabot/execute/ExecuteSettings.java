package io.schemabot.execute;

import java.time.Duration;

/**
 * How an {@link Executor} waits: the lock and statement limits for its own read-only work (the plan runs under
 * the timeouts it was approved with), how many times a run that met a busy table is retried, and the base of the
 * exponential backoff between those tries.
 */
public record ExecuteSettings(Duration lockTimeout, Duration statementTimeout, int retries, Duration backoff) {
    public ExecuteSettings {
        if (lockTimeout == null || lockTimeout.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("execute.lockTimeout must be at least 1ms; 0 would mean no limit");
        }
        if (statementTimeout == null || statementTimeout.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("execute.statementTimeout must be at least 1ms; 0 would mean no limit");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("execute.retries must be 0 or more, not " + retries);
        }
        if (backoff == null || backoff.isNegative()) {
            throw new IllegalArgumentException("the backoff between retries must not be negative");
        }
    }

    public static ExecuteSettings defaults() {
        return new ExecuteSettings(Duration.ofSeconds(5), Duration.ofMinutes(15), 3, Duration.ofSeconds(1));
    }
}
