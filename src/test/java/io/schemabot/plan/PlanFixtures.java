package io.schemabot.plan;

import io.schemabot.diff.SchemaDiff;
import io.schemabot.schema.Snapshot;
import io.schemabot.testing.TestDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/** Plans between two test databases and runs a plan's data checks, as the plan command does. */
final class PlanFixtures {
    private PlanFixtures() {
    }

    static Plan plan(TestDatabase from, TestDatabase to) {
        return plan(from, to, PlanOptions.defaults());
    }

    static Plan plan(TestDatabase from, TestDatabase to, PlanOptions options) {
        Snapshot a = from.snapshot();
        Snapshot b = to.snapshot();
        return Planner.plan(SchemaDiff.between(a, b), a, b, options);
    }

    static List<DataCheck> runChecks(TestDatabase db, Plan plan) {
        try (Connection c = db.connect()) {
            return DataChecks.run(c, plan.checks(), Duration.ofSeconds(30));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
