package io.schemabot.health;

import io.schemabot.config.Config;
import io.schemabot.diff.Change;
import io.schemabot.ops.Drift;

import java.time.Duration;
import java.util.List;

/**
 * Whether a target's schema is what its applied migrations say (the diff verb's comparison); a failure lists the
 * drift in short and names the command that shows it whole.
 */
public final class DriftCheck implements Check {
    private static final int LISTED = 8;

    private final Config.HealthCheck spec;
    private final Config.Target target;
    private final TargetProbe probe;
    private final String command;

    DriftCheck(Config.HealthCheck spec, Config.Target target, TargetProbe probe, String command) {
        this.spec = spec;
        this.target = target;
        this.probe = probe;
        this.command = command;
    }

    @Override
    public Config.HealthCheck spec() {
        return spec;
    }

    @Override
    public CheckResult run() {
        long start = System.nanoTime();
        String next = command + " diff " + target.name();
        Drift drift;
        try {
            drift = probe.drift(target);
        } catch (RuntimeException e) {
            return CheckResult.failed(Duration.ofNanos(System.nanoTime() - start), "drift of target '"
                    + target.name() + "' could not be read: " + Evidence.error(e), "", next);
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        List<Change> changes = drift.diff().changes();
        if (changes.isEmpty()) {
            return CheckResult.healthy(latency, "schema matches its migrations");
        }
        List<String> lines = changes.stream().limit(LISTED).map(Change::describe).toList();
        String evidence = String.join("\n", lines) + (changes.size() > LISTED
                ? "\n… and " + (changes.size() - LISTED) + " more" : "");
        return CheckResult.failed(latency, changes.size() + " difference" + (changes.size() == 1 ? "" : "s")
                + " between " + target.name() + " and its migrations", evidence, next);
    }
}
