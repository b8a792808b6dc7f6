package io.schemabot.execute;

import io.schemabot.diff.SchemaDiff;
import io.schemabot.plan.Plan;
import io.schemabot.plan.PlanOptions;
import io.schemabot.plan.Planner;
import io.schemabot.schema.Snapshot;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.Incident;
import io.schemabot.testing.TestDatabase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Production as the incident found it, with rows, and the repair plan made from it (options as given). */
record IncidentTarget(TestDatabase prod, TestDatabase expected, Plan plan) implements AutoCloseable {

    static IncidentTarget with(String prefix, int documents, PlanOptions options) {
        TestDatabase prod = EmbeddedPg.createDatabase(prefix);
        TestDatabase expected = EmbeddedPg.createDatabase(prefix + "_exp");
        prod.exec(Incident.PRODUCTION).exec(Incident.rows(documents));
        expected.exec(Incident.EXPECTED);
        Snapshot from = prod.snapshot();
        Snapshot to = expected.snapshot();
        return new IncidentTarget(prod, expected, Planner.plan(SchemaDiff.between(from, to), from, to, options));
    }

    static IncidentTarget with(String prefix, int documents) {
        return with(prefix, documents, PlanOptions.defaults());
    }

    /** The same target planned again from production as it is now (after a test changed it, say its grants). */
    IncidentTarget replanned() {
        Snapshot from = prod.snapshot();
        Snapshot to = expected.snapshot();
        return new IncidentTarget(prod, expected, Planner.plan(SchemaDiff.between(from, to), from, to, plan.options()));
    }

    String fingerprint() {
        return prod.snapshot().fingerprint();
    }

    String idType() {
        return prod.queryString("SELECT data_type FROM information_schema.columns"
                + " WHERE table_schema = 'public' AND table_name = 'documents' AND column_name = 'id'");
    }

    /** Settings for tests: short limits, and retries that never really wait (see {@link #waits}). */
    static ExecuteSettings settings(int retries) {
        return new ExecuteSettings(Duration.ofSeconds(5), Duration.ofMinutes(1), retries, Duration.ofMillis(100));
    }

    /** A pause that records each wait instead of sleeping. */
    static Pause recording(List<Duration> waits) {
        return waits::add;
    }

    static List<Duration> waits() {
        return new ArrayList<>();
    }

    @Override
    public void close() {
        prod.close();
        expected.close();
    }
}
