package io.schemabot.plan;

import java.time.Duration;

/**
 * Settings the plan's script applies with SET LOCAL: how long to wait for a lock, how long one statement may
 * run, and how much memory index builds and foreign-key validation may use (they sort and hash whole tables).
 */
public record PlanOptions(Duration lockTimeout, Duration statementTimeout, String maintenanceWorkMem,
                          String workMem) {
    public static PlanOptions defaults() {
        return new PlanOptions(Duration.ofSeconds(5), Duration.ofMinutes(15), "256MB", "64MB");
    }

    public PlanOptions withTimeouts(Duration lock, Duration statement) {
        return new PlanOptions(lock, statement, maintenanceWorkMem, workMem);
    }
}
