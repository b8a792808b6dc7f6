package io.schemabot.health;

import java.time.Duration;

/**
 * What one run of a check found: healthy or not, how long it took, a one-line {@code summary} ("HTTP 503 in
 * 12 ms"), the {@code evidence} an alert quotes (the body's first lines, the error, the drift, the failed
 * migration; empty when there is nothing more to say) and the command to run next, if any. Never holds a secret.
 */
public record CheckResult(boolean healthy, Duration latency, String summary, String evidence, String nextStep) {
    public CheckResult {
        evidence = evidence == null ? "" : evidence;
    }

    static CheckResult healthy(Duration latency, String summary) {
        return new CheckResult(true, latency, summary, "", null);
    }

    static CheckResult failed(Duration latency, String summary, String evidence, String nextStep) {
        return new CheckResult(false, latency, summary, evidence, nextStep);
    }
}
