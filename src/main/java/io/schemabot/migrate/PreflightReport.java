package io.schemabot.migrate;

import io.schemabot.Plural;
import io.schemabot.diff.DiffResult;
import io.schemabot.plan.DataCheck;
import io.schemabot.plan.Hazard;

import java.util.List;

/**
 * What happened when the target's pending migrations were applied to a schema-only clone of it: per migration,
 * ok with its duration, the hazards it would bring to production and what its data checks found in production's
 * rows, or the statements that failed.
 */
public record PreflightReport(String target, String productionVersion, String shadow, String shadowVersion,
                              String currentVersion, List<String> drift, List<MigrationOutcome> migrations,
                              long totalMillis) {

    public PreflightReport {
        drift = List.copyOf(drift);
        migrations = List.copyOf(migrations);
    }

    public boolean passed() {
        return migrations.stream().allMatch(MigrationOutcome::passed);
    }

    /** True when a migration failed on the shadow itself (not only on production's data). */
    public boolean failedOnShadow() {
        return migrations.stream().anyMatch(m -> !m.ok());
    }

    /** The one-line verdict that chat and the command line lead with. */
    public String verdict() {
        if (migrations.isEmpty()) {
            return "nothing pending";
        }
        if (failedOnShadow()) {
            return "a pending migration FAILS";
        }
        if (!passed()) {
            return "a pending migration will fail on production data";
        }
        long unsettled = migrations.stream().flatMap(m -> m.dataChecks().stream())
                .filter(DataCheckResult::unsettled).count();
        int n = migrations.size();
        return (n == 1 ? "the 1 pending migration applies" : "all " + n + " pending migrations apply")
                + (unsettled == 0 ? "" : " (" + Plural.count(unsettled, "data check", "data checks")
                + " not run or not conclusive)");
    }

    public boolean sameMajorVersion() {
        return sameMajor(productionVersion, shadowVersion);
    }

    static boolean sameMajor(String version, String other) {
        return major(version).equals(major(other));
    }

    private static String major(String v) {
        return v == null ? "" : v.split("[.\\s]")[0];
    }

    /**
     * One pending migration's result: {@code ok} when the shadow applied it, {@code dataChecks} what production's
     * rows say about the changes it makes.
     */
    public record MigrationOutcome(String version, String description, String script, boolean ok, long millis,
                                   List<Failure> failures, List<Hazard> hazards, List<DataCheckResult> dataChecks,
                                   boolean skipped) {
        public MigrationOutcome {
            failures = List.copyOf(failures);
            hazards = List.copyOf(hazards);
            dataChecks = List.copyOf(dataChecks);
        }

        /** Applied on the shadow, but production holds rows that the migration's changes refuse. */
        public boolean failsOnProductionData() {
            return dataChecks.stream().anyMatch(DataCheckResult::fails);
        }

        public boolean passed() {
            return ok && !failsOnProductionData();
        }
    }

    /**
     * A data check run read-only against production, how long it took (null when it did not run there) and, when
     * a pending migration writes the rows it counts before the change, which one: production's rows of today
     * then do not settle it.
     */
    public record DataCheckResult(DataCheck check, Long millis, String rowsWrittenBy) {
        /** Rows were found that the change refuses; a check that did not run (timeout, error) is not a failure. */
        public boolean fails() {
            return refusedRows() && rowsWrittenBy == null;
        }

        /** Ran and settled nothing: a timeout, an error, or rows that a pending migration may fix first. */
        public boolean unsettled() {
            return !check.ran() || refusedRows() && rowsWrittenBy != null;
        }

        public String outcome() {
            return refusedRows() && rowsWrittenBy != null ? "not conclusive: today " + check.outcome() + ", but "
                    + rowsWrittenBy + " writes these rows first, which the schema-only shadow cannot replay"
                    : check.outcome();
        }

        private boolean refusedRows() {
            return check.ran() && !check.passed();
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
