package io.schemabot.health;

import io.schemabot.config.Config;
import io.schemabot.migrate.MigrationStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A target's Flyway history against its files: unhealthy on a failed migration, a checksum mismatch (or any other
 * problem the status verb finds), or a migration pending for longer than {@code pendingFor} (default 0: any).
 */
public final class MigrationsCheck implements Check {
    private static final int LISTED = 5;

    private final Config.HealthCheck spec;
    private final Config.Target target;
    private final TargetProbe probe;
    private final Clock clock;
    private final String command;
    /** When each version was first seen pending: a migration file carries no date. */
    private final PendingLedger pendingSince;

    MigrationsCheck(Config.HealthCheck spec, Config.Target target, TargetProbe probe, Clock clock, String command,
                    PendingLedger pendingSince) {
        this.spec = spec;
        this.target = target;
        this.probe = probe;
        this.clock = clock;
        this.command = command;
        this.pendingSince = pendingSince;
    }

    @Override
    public Config.HealthCheck spec() {
        return spec;
    }

    @Override
    public CheckResult run() {
        long start = System.nanoTime();
        MigrationStatus status;
        try {
            status = probe.status(target);
        } catch (RuntimeException e) {
            return CheckResult.failed(since(start), "migration status of target '" + target.name()
                    + "' could not be read: " + Evidence.error(e), "", command + " status " + target.name());
        }
        Duration latency = since(start);
        List<String> lines = new ArrayList<>();
        for (MigrationStatus.Entry failed : status.failed()) {
            lines.add("V" + failed.version() + " " + failed.description() + " failed");
        }
        for (MigrationStatus.Problem problem : status.problems()) {
            if (problem.kind() != MigrationStatus.Problem.Kind.FAILED) {
                lines.add(problem.message());
            }
        }
        List<MigrationStatus.Entry> overdue = overdue(status.pending());
        if (lines.isEmpty() && overdue.isEmpty()) {
            return CheckResult.healthy(latency, status.pending().isEmpty() ? "no failed or pending migrations"
                    : status.pending().size() + " pending, within " + Evidence.took(spec.pendingFor()));
        }
        String summary;
        String next;
        if (!lines.isEmpty()) {
            summary = lines.size() == 1 ? lines.get(0) : lines.size() + " migration problems on " + target.name();
            next = command + " status " + target.name();
        } else {
            summary = overdue.size() + " pending migration" + (overdue.size() == 1 ? "" : "s") + " on "
                    + target.name() + (spec.pendingFor().isZero() ? "" : " for over " + Evidence.took(spec.pendingFor()));
            next = command + " preflight " + target.name();
        }
        for (MigrationStatus.Entry pending : overdue) {
            lines.add("V" + pending.version() + " " + pending.description() + " pending");
        }
        List<String> shown = lines.subList(0, Math.min(LISTED, lines.size()));
        String evidence = String.join("\n", shown) + (lines.size() > LISTED ? "\n… and " + (lines.size() - LISTED)
                + " more" : "");
        return CheckResult.failed(latency, summary, evidence, next);
    }

    private List<MigrationStatus.Entry> overdue(List<MigrationStatus.Entry> pending) {
        Instant now = clock.instant();
        if (spec.pendingFor().isZero()) {
            return pending; // any pending migration is overdue: no need to know since when
        }
        pendingSince.keepOnly(spec.name(), pending.stream().map(MigrationStatus.Entry::version).toList());
        List<MigrationStatus.Entry> out = new ArrayList<>();
        for (MigrationStatus.Entry entry : pending) {
            Instant seen = pendingSince.firstSeen(spec.name(), entry.version(), now);
            if (!Duration.between(seen, now).minus(spec.pendingFor()).isNegative()) {
                out.add(entry);
            }
        }
        return out;
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
