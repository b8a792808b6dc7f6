package io.schemabot.execute;

import java.time.Duration;
import java.util.List;

/** One try at the plan's transaction: whether the lock timeout ended it, and who held the locks then. */
public record Attempt(int number, boolean lockTimedOut, List<Blocker> blockers, Duration duration) {
    public Attempt {
        blockers = List.copyOf(blockers);
    }
}
