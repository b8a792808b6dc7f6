package io.schemabot.execute;

import java.time.Instant;

/**
 * Another session that held a lock on one of the plan's tables when the run gave up waiting: who it is, what it
 * is doing and since when (its transaction's start, else its query's), and its query's first line.
 */
public record Blocker(int pid, String user, String application, String state, Instant since, String query) {
    public String describe() {
        return "pid " + pid + " (" + user + (application == null || application.isEmpty() ? "" : ", " + application)
                + ", " + state + (since == null ? "" : " since " + since) + "): " + query;
    }
}
