package io.schemabot.migrate;

import io.schemabot.schema.SnapshotOptions;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.IncidentProduction;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A database Flyway never migrated: every migration is pending, and nothing they will create is called drift. */
class PreflightWithoutHistoryTest {
    @Test
    void anEmptyDatabaseWithoutHistory_hasNoDrift_andEveryMigrationApplies() {
        try (TestDatabase fresh = EmbeddedPg.createDatabase("preflight_fresh")) {
            PreflightReport report = new Preflight(new MigrationSource(IncidentProduction.MIGRATIONS, null),
                    ShadowServer.embedded(EmbeddedPg.shared()), SnapshotOptions.defaults(), Duration.ofMinutes(2))
                    .run(fresh.url());
            assertEquals(List.of(), report.drift(), "the migrations have not run here: what they create is not missing");
            assertEquals(List.of("1", "2", "3"), report.migrations().stream().map(PreflightReport.MigrationOutcome::version).toList());
            assertTrue(report.passed(), report.toString());
        }
    }
}
