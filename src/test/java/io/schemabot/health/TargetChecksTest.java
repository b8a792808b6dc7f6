package io.schemabot.health;

import io.schemabot.config.Config;
import io.schemabot.config.Config.HealthCheck.CheckType;
import io.schemabot.health.HealthFixture.SlackCall;
import io.schemabot.migrate.MigrationSource;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.IncidentProduction;
import io.schemabot.testing.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks on a configured target: its database answering, its schema matching its migrations, its history sound. */
class TargetChecksTest {
    private final HealthFixture f = new HealthFixture();
    private TestDatabase target;

    @AfterEach
    void close() throws Exception {
        f.close();
        if (target != null) {
            target.close();
        }
    }

    /** A target that Flyway migrated to V2 with nothing changed by hand: V3 is pending, nothing drifts. */
    private Map<String, Config.Target> migratedTarget() {
        target = EmbeddedPg.createDatabase("health_target");
        new MigrationSource(IncidentProduction.MIGRATIONS, null).flyway(target.url(), "2").migrate();
        return Map.of("production", new Config.Target("production", target.jdbcUrl(), IncidentProduction.MIGRATIONS,
                null, null));
    }

    @Test
    void aDatabaseStoppedAndStartedAgainGoesDownThenRecovers() throws Exception {
        Path data = Files.createTempDirectory("health-db");
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
        int port = pg.getPort();
        try {
            Map<String, Config.Target> targets = Map.of("production", new Config.Target("production",
                    "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres", null, null, null));
            HealthMonitor monitor = f.monitor(f.config(List.of(HealthFixture.onTarget("db", CheckType.DATABASE,
                    "production", Duration.ZERO)), targets));
            HealthMonitor.Round up = monitor.runRound();
            assertTrue(up.results().get("db").healthy(), up.results().toString());
            assertTrue(up.results().get("db").summary().startsWith("select 1 in "));

            pg.close();
            monitor.runRound();
            assertEquals(List.of("db"), monitor.runRound().wentDown());

            pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
            assertEquals(List.of("db"), monitor.runRound().recovered());
            HealthFixture.drain(monitor);
            List<SlackCall> calls = f.slackCalls();
            assertEquals(3, calls.size(), calls.toString());
            assertTrue(calls.get(0).text().contains("*db* is DOWN"), calls.get(0).text());
            assertTrue(calls.get(0).text().contains("database of target 'production' did not answer"), calls.get(0).text());
            assertTrue(calls.get(0).text().contains("Next: `/schemabot status production`"), calls.get(0).text());
            assertTrue(calls.get(1).text().contains("*db* recovered"), calls.get(1).text());
        } finally {
            pg.close();
        }
    }

    @Test
    void driftIntroducedByHandIsAnAlertListingIt() {
        HealthMonitor monitor = f.monitor(f.config(List.of(HealthFixture.onTarget("schema", CheckType.DRIFT,
                "production", Duration.ZERO)), migratedTarget()));
        HealthMonitor.Round clean = monitor.runRound();
        assertTrue(clean.results().get("schema").healthy(), clean.results().toString());

        target.exec("ALTER TABLE documents ADD COLUMN sneaky integer");
        monitor.runRound();
        assertEquals(List.of("schema"), monitor.runRound().wentDown());
        HealthFixture.drain(monitor);
        String text = f.slackCalls().get(0).text();
        assertTrue(text.contains("*schema* is DOWN"), text);
        assertTrue(text.contains("1 difference between production and its migrations"), text);
        assertTrue(text.contains("sneaky"), text);
        assertTrue(text.contains("Next: `/schemabot diff production`"), text);
    }

    @Test
    void aFailedMigrationIsAMigrationsAlert_aPendingOneOnlyAfterPendingFor() {
        HealthMonitor monitor = f.monitor(f.config(List.of(
                HealthFixture.onTarget("migrations", CheckType.MIGRATIONS, "production", Duration.ofHours(1)),
                HealthFixture.onTarget("strict", CheckType.MIGRATIONS, "production", Duration.ZERO)), migratedTarget()));
        HealthMonitor.Round first = monitor.runRound();
        assertTrue(first.results().get("migrations").healthy(), first.results().toString());
        assertFalse(first.results().get("strict").healthy());
        assertTrue(first.results().get("strict").evidence().contains("V3 "), first.results().get("strict").evidence());
        monitor.runRound();
        HealthFixture.drain(monitor);
        assertEquals(1, f.slackCalls().size());
        assertTrue(f.slackCalls().get(0).text().contains("*strict* is DOWN"), f.slackCalls().get(0).text());

        target.exec("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                + " installed_by, installed_on, execution_time, success) VALUES (3, '3', 'share links and activity"
                + " targets', 'SQL', 'V3__share_links_and_activity_targets.sql', 1, 'postgres', now(), 5, false)");
        monitor.runRound();
        assertEquals(List.of("migrations"), monitor.runRound().wentDown());
        HealthFixture.drain(monitor);
        String text = f.slackCalls().get(1).text();
        assertTrue(text.contains("*migrations* is DOWN"), text);
        assertTrue(text.contains("failed"), text);
        assertTrue(text.contains("Next: `/schemabot status production`"), text);
    }

    /** How long a migration has been pending is the store's to know: a restart does not find it fresh again. */
    @Test
    void aPendingMigrationsAgeSurvivesARestart() {
        io.schemabot.config.Config config = f.config(List.of(HealthFixture.onTarget("migrations", CheckType.MIGRATIONS,
                "production", Duration.ofHours(1))), migratedTarget());
        HealthMonitor before = f.monitor(config);
        assertTrue(before.runRound().results().get("migrations").healthy(), "V3 pending, but not for an hour yet");
        before.close();
        f.clock.advance(Duration.ofMinutes(61));

        HealthMonitor restarted = f.monitor(config);
        HealthMonitor.Round round = restarted.runRound();

        assertFalse(round.results().get("migrations").healthy(), round.results().toString());
        assertTrue(round.results().get("migrations").summary().contains("for over 1 h"),
                round.results().get("migrations").summary());
    }
}
