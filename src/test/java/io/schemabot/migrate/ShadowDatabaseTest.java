package io.schemabot.migrate;

import io.schemabot.UserError;
import io.schemabot.schema.SnapshotOptions;
import io.schemabot.testing.CliRun;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.IncidentProduction;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShadowDatabaseTest {
    private static long shadows() {
        try (TestDatabase probe = EmbeddedPg.createDatabase("probe")) {
            return probe.queryLong("SELECT count(*) FROM pg_database WHERE datname LIKE 'schemabot\\_shadow\\_%'");
        }
    }

    @Test
    void shadowsAreDroppedAfterSuccessAndAfterFailure(@TempDir Path dir) throws IOException {
        long before = shadows();
        Files.writeString(dir.resolve("V1__ok.sql"), "CREATE TABLE a (id int);");
        ExpectedSchema.build(new MigrationSource("filesystem:" + dir, null), null, ShadowServer.embedded(EmbeddedPg.shared()),
                SnapshotOptions.defaults());
        Files.writeString(dir.resolve("V2__broken.sql"), "CREATE TABLE a (id int);");
        UserError e = assertThrows(UserError.class, () -> ExpectedSchema.build(
                new MigrationSource("filesystem:" + dir, null), null, ShadowServer.embedded(EmbeddedPg.shared()), SnapshotOptions.defaults()));
        assertTrue(e.getMessage().contains("do not apply to an empty database"), e.getMessage());
        assertEquals(before, shadows());
    }

    @Test
    void preflightOnAnExplicitShadowServerNamesBothVersionsAndCleansUp() {
        long before = shadows();
        try (TestDatabase prod = IncidentProduction.create("shadow_url")) {
            String shadowUrl = "postgres://postgres@localhost:" + EmbeddedPg.port() + "/postgres";
            CliRun run = CliRun.of("preflight", "--url", prod.jdbcUrl(), "--migrations", IncidentProduction.MIGRATIONS,
                    "--shadow-url", shadowUrl);
            assertEquals(1, run.status(), run.err());
            String version = prod.snapshot().serverVersion();
            assertTrue(run.out().contains("Production PostgreSQL " + version + "; shadow: localhost:" + EmbeddedPg.port()
                    + "/postgres (PostgreSQL " + version + ")"), run.out());
        }
        assertEquals(before, shadows());
    }
}
