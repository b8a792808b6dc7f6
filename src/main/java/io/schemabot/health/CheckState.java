package io.schemabot.health;

import io.schemabot.config.Config;

import java.time.Duration;
import java.time.Instant;

/**
 * A check's state as the monitor judges it: UP or DOWN {@code since} when, the run of equal results that may
 * change it ({@code failures} or {@code successes} in a row, the run beginning at {@code streakSince}), its last
 * result ({@code last}, null before its first run, at {@code lastAt}) and the alert it belongs to while DOWN
 * (kept after it recovers until it goes down again).
 */
public record CheckState(String name, Status status, Instant since, int failures, int successes, Instant streakSince,
                         CheckResult last, Instant lastAt, Long alertId) {

    public enum Status { UP, DOWN }

    /** What changed with one result: nothing, or one of the two transitions that are said in the channel. */
    public enum Event { NONE, WENT_DOWN, RECOVERED }

    /** One result applied: the state after it, the transition it made, and since when it had been as it was. */
    public record Step(CheckState state, Event event, Instant previousSince) {
        /** For a recovery: how long the outage lasted. */
        public Duration outage() {
            return Duration.between(previousSince, state.since());
        }
    }

    /** A check never run: presumed UP, so that a check failing from the start alerts once it is sure. */
    public static CheckState initial(String name, Instant now) {
        return new CheckState(name, Status.UP, now, 0, 0, now, null, null, null);
    }

    /**
     * Applies a result: {@code downAfter} failures in a row turn UP into DOWN, {@code upAfter} successes turn DOWN
     * into UP; either change dates from the first result of its run (when the outage or the recovery began). A
     * result from longer ago than two intervals, the timeout and {@code roundSlack} (a round waits for its slowest
     * check) does not run on into this one: the monitor was away, and one failure before and one after are not two
     * in a row.
     */
    public Step next(CheckResult result, Config.HealthCheck spec, Instant now, Duration roundSlack) {
        boolean fresh = lastAt == null || Duration.between(lastAt, now)
                .compareTo(spec.interval().multipliedBy(2).plus(spec.timeout()).plus(roundSlack)) <= 0;
        boolean sameRun = fresh && (result.healthy() ? successes > 0 : failures > 0);
        Instant runStart = sameRun ? streakSince : now;
        int f = result.healthy() ? 0 : (sameRun ? failures : 0) + 1;
        int s = result.healthy() ? (sameRun ? successes : 0) + 1 : 0;
        if (status == Status.UP && f >= spec.downAfter()) {
            return new Step(new CheckState(name, Status.DOWN, runStart, f, s, runStart, result, now, null),
                    Event.WENT_DOWN, since);
        }
        if (status == Status.DOWN && s >= spec.upAfter()) {
            return new Step(new CheckState(name, Status.UP, runStart, f, s, runStart, result, now, alertId),
                    Event.RECOVERED, since);
        }
        return new Step(new CheckState(name, status, since, f, s, runStart, result, now, alertId), Event.NONE,
                since);
    }

    public CheckState withAlert(Long id) {
        return new CheckState(name, status, since, failures, successes, streakSince, last, lastAt, id);
    }

    /** How long it has been in its state. */
    public Duration age(Instant now) {
        return Duration.between(since, now);
    }
}
