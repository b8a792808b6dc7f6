package io.schemabot.migrate;

import io.schemabot.diff.DiffResult;
import io.schemabot.plan.Hazard;

import java.util.List;

/**
 * What happened when the target's pending migrations were applied to a schema-only clone of it: per migration,
 * ok with its duration and the hazards it would bring to production, or the statements that failed.
 */
public record PreflightReport(String target, String productionVersion, String shadow, String shadowVersion,
                              String currentVersion, List<String> drift, List<MigrationOutcome> migrations,
                              long totalMillis) {

    public PreflightReport {
        drift = List.copyOf(drift);
        migrations = List.copyOf(migrations);
    }

    public boolean passed() {
        return migrations.stream().allMatch(MigrationOutcome::ok);
    }

    public boolean sameMajorVersion() {
        return major(productionVersion).equals(major(shadowVersion));
    }

    private static String major(String v) {
        return v == null ? "" : v.split("[.\\s]")[0];
    }

    /** One pending migration's result. */
    public record MigrationOutcome(String version, String description, String script, boolean ok, long millis,
                                   List<Failure> failures, List<Hazard> hazards, boolean skipped) {
        public MigrationOutcome {
            failures = List.copyOf(failures);
            hazards = List.copyOf(hazards);
        }
    }

    /** A failing statement, with PostgreSQL's words and what in the drift explains it. */
    public record Failure(String sqlState, String message, String detail, String statement, Integer line,
                          List<String> explanations) {
        public Failure {
            explanations = List.copyOf(explanations);
        }
    }

    static List<String> driftLines(DiffResult drift) {
        return drift.changes().stream().map(c -> c.object() + ": " + c.describe()).toList();
    }
}
