package io.schemabot.execute;

import java.time.Duration;
import java.util.List;

/**
 * What happens during a run, as it happens, for a caller that records or posts it. Every event arrives on the
 * thread that called {@link Executor#run}; all but a refusal because another run holds the target arrive while
 * this run holds the target's advisory lock, so a slow listener delays the run, never a second one.
 */
public interface Listener {
    Listener NONE = new Listener() {
    };

    /** Attempt {@code number} (from 1) opens its transaction. */
    default void attemptStarted(int number) {
    }

    /** The lock timeout fired; {@code blockers} held locks on the plan's tables at that moment. */
    default void lockTimedOut(int number, List<Blocker> blockers) {
    }

    /** Attempt {@code next} starts after {@code wait}. */
    default void retrying(int next, Duration wait) {
    }

    /**
     * Asked once the run holds the target's lock, before anything runs: whether it is still wanted (a request
     * settled meanwhile, by a restart's judgement, must not run after all).
     */
    default boolean stillWanted() {
        return true;
    }

    default void succeeded(Execution execution) {
    }

    /** FAILED or STALE: nothing changed. */
    default void failed(Execution execution) {
    }
}
