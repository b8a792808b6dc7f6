package io.schemabot.migrate;

import io.schemabot.testing.CliRun;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusReaderTest {
    @TempDir
    Path dir;

    private MigrationSource files(String table) throws IOException {
        Files.writeString(dir.resolve("V1__first.sql"), "CREATE TABLE a (id int);");
        Files.writeString(dir.resolve("V2__second.sql"), "CREATE TABLE b (id int);");
        Files.writeString(dir.resolve("V3__third.sql"), "CREATE TABLE c (id int);");
        return new MigrationSource("filesystem:" + dir, table);
    }

    private static List<MigrationStatus.Problem.Kind> kinds(MigrationStatus s) {
        return s.problems().stream().map(MigrationStatus.Problem::kind).toList();
    }

    @Test
    void aDatabaseWithoutHistorySaysSoAndIsNotWrittenTo() throws IOException {
        try (TestDatabase db = EmbeddedPg.createDatabase("st_none")) {
            MigrationStatus s = StatusReader.read(db.url(), files(null));
            assertFalse(s.historyExists());
            assertNull(s.currentVersion());
            assertEquals(3, s.pending().size());
            assertEquals(0, db.queryLong("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"),
                    "status must not create anything");
            CliRun run = CliRun.of("status", "--url", db.jdbcUrl(), "--migrations", "filesystem:" + dir);
            assertTrue(run.out().contains("No Flyway history table flyway_schema_history"), run.out());
        }
    }

    @Test
    void theSessionRefusesWritesWhateverFlywayTries() throws IOException {
        try (TestDatabase db = EmbeddedPg.createDatabase("st_ro")) {
            org.flywaydb.core.api.FlywayException e = org.junit.jupiter.api.Assertions.assertThrows(
                    org.flywaydb.core.api.FlywayException.class,
                    () -> files(null).flyway(db.url(), null, true).migrate());
            assertTrue(String.valueOf(e.getMessage()).contains("read-only"), e.getMessage());
        }
    }

    @Test
    void failedMigrationInHistory() throws IOException {
        try (TestDatabase db = EmbeddedPg.createDatabase("st_failed")) {
            MigrationSource source = files(null);
            source.flyway(db.url(), "2").migrate();
            db.exec("UPDATE flyway_schema_history SET success = false WHERE version = '2'");
            MigrationStatus s = StatusReader.read(db.url(), source);
            assertEquals(List.of("2"), s.failed().stream().map(MigrationStatus.Entry::version).toList());
            assertTrue(kinds(s).contains(MigrationStatus.Problem.Kind.FAILED));
            assertFalse(s.healthy());
            assertEquals(1, CliRun.of("status", "--url", db.jdbcUrl(), "--migrations", "filesystem:" + dir).status());
        }
    }

    @Test
    void checksumMismatchWhenAnAppliedFileWasEdited() throws IOException {
        try (TestDatabase db = EmbeddedPg.createDatabase("st_sum")) {
            MigrationSource source = files(null);
            source.flyway(db.url(), "2").migrate();
            Files.writeString(dir.resolve("V1__first.sql"), "CREATE TABLE a (id bigint);");
            MigrationStatus s = StatusReader.read(db.url(), source);
            assertEquals(List.of(MigrationStatus.Problem.Kind.CHECKSUM_MISMATCH), kinds(s));
            assertEquals("1", s.problems().get(0).version());
            assertEquals("2", s.currentVersion());
        }
    }

    @Test
    void missingFileAndFutureVersion() throws IOException {
        try (TestDatabase db = EmbeddedPg.createDatabase("st_missing")) {
            MigrationSource source = files(null);
            source.flyway(db.url(), null).migrate();
            Files.delete(dir.resolve("V2__second.sql"));
            MigrationStatus missing = StatusReader.read(db.url(), source);
            assertEquals(List.of(MigrationStatus.Problem.Kind.MISSING_FILE), kinds(missing));
            assertEquals("2", missing.problems().get(0).version());

            Files.writeString(dir.resolve("V2__second.sql"), "CREATE TABLE b (id int);");
            Files.delete(dir.resolve("V3__third.sql"));
            MigrationStatus future = StatusReader.read(db.url(), source);
            assertEquals(List.of(MigrationStatus.Problem.Kind.FUTURE_VERSION), kinds(future));
            assertEquals("3", future.problems().get(0).version());
        }
    }

    @Test
    void customHistoryTable() throws IOException {
        try (TestDatabase db = EmbeddedPg.createDatabase("st_table")) {
            MigrationSource source = files("schema_versions");
            source.flyway(db.url(), "1").migrate();
            MigrationStatus s = StatusReader.read(db.url(), source);
            assertTrue(s.historyExists());
            assertEquals("1", s.currentVersion());
            assertEquals("schema_versions", s.historyTable());
            CliRun run = CliRun.of("status", "--url", db.jdbcUrl(), "--migrations", "filesystem:" + dir,
                    "--table", "schema_versions", "--format", "json");
            assertTrue(run.out().contains("\"currentVersion\" : \"1\""), run.out());
        }
    }

    @Test
    void alembicRevision() {
        try (TestDatabase db = EmbeddedPg.createDatabase("st_alembic")) {
            db.exec("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);"
                    + "INSERT INTO alembic_version VALUES ('ae1027a6acf')");
            MigrationStatus s = StatusReader.read(db.url(), new MigrationSource(null, null));
            assertEquals(List.of("ae1027a6acf"), s.alembicRevisions());
            CliRun run = CliRun.of("status", "--url", db.jdbcUrl());
            assertTrue(run.out().contains("Alembic revision: ae1027a6acf"), run.out());
        }
    }

    @Test
    void badLocationIsAClearError() {
        CliRun run = CliRun.of("status", "--url", "postgres://x@localhost/db", "--migrations", "db/migration");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("must start with filesystem: or classpath:"), run.err());
    }
}
