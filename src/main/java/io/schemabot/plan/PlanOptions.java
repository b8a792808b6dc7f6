package io.schemabot.plan;

import java.time.Duration;

/**
 * Settings the plan's script applies with SET LOCAL: how long to wait for a lock, how long one statement may
 * run, how much memory index builds and foreign-key validation may use (they sort and hash whole tables), and
 * the time zone in which a conversion between timestamp and timestamptz (or date, or time) reads wall-clock
 * values, which would otherwise be whichever zone the session running the plan happens to have.
 */
public record PlanOptions(Duration lockTimeout, Duration statementTimeout, String maintenanceWorkMem,
                          String workMem, String timeZone) {
    /** PostgreSQL keeps timeouts in an int of milliseconds (about 24.8 days). */
    private static final Duration LONGEST = Duration.ofMillis(Integer.MAX_VALUE);

    public PlanOptions {
        requireTimeout("lock timeout", lockTimeout);
        requireTimeout("statement timeout", statementTimeout);
        if (timeZone == null || timeZone.isBlank() || !timeZone.matches("[A-Za-z0-9_+\\-/:.]+")) {
            throw new IllegalArgumentException("time zone must be a name such as UTC or Europe/Berlin, not '"
                    + timeZone + "'");
        }
    }

    // Zero means "no timeout" to PostgreSQL: the plan would wait for locks, or run, without limit.
    private static void requireTimeout(String name, Duration value) {
        if (value == null || value.compareTo(Duration.ofMillis(1)) < 0 || value.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(name + " must be between 1ms and 24d; 0 would mean no limit at all");
        }
    }

    public static PlanOptions defaults() {
        return new PlanOptions(Duration.ofSeconds(5), Duration.ofMinutes(15), "256MB", "64MB", "UTC");
    }

    public PlanOptions withTimeouts(Duration lock, Duration statement) {
        return new PlanOptions(lock, statement, maintenanceWorkMem, workMem, timeZone);
    }

    public PlanOptions withTimeZone(String zone) {
        return new PlanOptions(lockTimeout, statementTimeout, maintenanceWorkMem, workMem, zone);
    }
}
