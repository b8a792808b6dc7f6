package io.schemabot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemabot.testing.CliRun;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiffCommandTest {
    static TestDatabase prod;
    static TestDatabase expected;

    @BeforeAll
    static void build() {
        prod = EmbeddedPg.createDatabase("cli_prod").exec("""
                CREATE TABLE documents (id uuid PRIMARY KEY, title text);
                CREATE TABLE document_questions (id int PRIMARY KEY, document_id uuid REFERENCES documents (id))""");
        expected = EmbeddedPg.createDatabase("cli_expected").exec("""
                CREATE TABLE documents (id varchar(36) PRIMARY KEY, title text);
                CREATE TABLE document_questions (id int PRIMARY KEY, document_id varchar(36) REFERENCES documents (id));
                CREATE TABLE admin_activities (id int PRIMARY KEY)""");
        EmbeddedPg.execAsSuperuser("postgres", "DO $$BEGIN CREATE ROLE app LOGIN PASSWORD 'right-password';"
                + " EXCEPTION WHEN duplicate_object THEN NULL; END$$");
    }

    @AfterAll
    static void drop() {
        prod.close();
        expected.close();
    }

    @Test
    void jsonCarriesTypesAsFormatTypePrintsThemAndExitsOne() throws Exception {
        CliRun run = CliRun.of("diff", "--from", prod.jdbcUrl(), "--to", expected.jdbcUrl(), "--format", "json");
        assertEquals(1, run.status(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(64, json.at("/from/fingerprint").asText().length());
        assertEquals(64, json.at("/to/fingerprint").asText().length());
        JsonNode idChange = null;
        for (JsonNode c : json.get("changes")) {
            if (c.get("object").asText().equals("public.documents.id")) {
                idChange = c;
            }
        }
        assertEquals("ColumnTypeChanged", idChange.get("kind").asText());
        assertEquals("uuid", idChange.get("from").asText());
        assertEquals("character varying(36)", idChange.get("to").asText());
        assertEquals("TableAdded", json.at("/changes/0/kind").asText());
        assertEquals("public.admin_activities", json.at("/changes/0/object").asText());
    }

    @Test
    void textGroupsChangesByTable() {
        CliRun run = CliRun.of("diff", "--from", prod.jdbcUrl(), "--to", expected.jdbcUrl());
        assertEquals(1, run.status());
        assertTrue(run.out().contains("\npublic.documents\n  column id type: uuid -> character varying(36)\n"), run.out());
        assertTrue(run.out().contains("table public.admin_activities is missing"), run.out());
    }

    @Test
    void snapshotFileRoundTripsAsADiffSide(@TempDir Path dir) throws Exception {
        CliRun snap = CliRun.of("snapshot", "--url", prod.jdbcUrl());
        assertEquals(0, snap.status(), snap.err());
        Path file = dir.resolve("prod.json");
        Files.writeString(file, snap.out());
        CliRun same = CliRun.of("diff", "--from", "file:" + file, "--to", prod.jdbcUrl());
        assertEquals(0, same.status(), same.out() + same.err());
        assertTrue(same.out().startsWith("No differences"), same.out());
        CliRun differs = CliRun.of("diff", "--from", "file:" + file, "--to", expected.jdbcUrl(), "--format", "json");
        assertEquals(1, differs.status());
    }

    @Test
    void snapshotTextIsReadable() {
        CliRun run = CliRun.of("snapshot", "--url", prod.jdbcUrl(), "--format", "text");
        assertEquals(0, run.status());
        assertTrue(run.out().contains("table public.documents\n  id uuid NOT NULL\n"), run.out());
    }

    @Test
    void wrongPasswordIsOneLineWithoutThePassword() {
        String url = "postgres://app:hunter2-wrong@localhost:" + EmbeddedPg.port() + "/" + prod.name();
        assertError(CliRun.of("diff", "--from", url, "--to", expected.jdbcUrl()),
                "password authentication failed for user 'app'", "hunter2-wrong");
    }

    @Test
    void unreachableHostSaysSo() {
        String url = "postgresql://app:s3cret@127.0.0.1:1/nowhere";
        assertError(CliRun.of("snapshot", "--url", url), "cannot connect to 127.0.0.1:1/nowhere", "s3cret");
    }

    @Test
    void missingDatabaseIsNamed() {
        String url = "jdbc:postgresql://localhost:" + EmbeddedPg.port() + "/no_such_db?user=postgres&password=pw123";
        assertError(CliRun.of("diff", "--from", url, "--to", expected.jdbcUrl()),
                "database 'no_such_db' does not exist", "pw123");
    }

    @Test
    void malformedUrlAndUnknownScheme() {
        assertError(CliRun.of("snapshot", "--url", "postgres://user:topsecret@/db"), "database URL has no host",
                "topsecret");
        assertError(CliRun.of("diff", "--from", "mysql://x:y@h/db", "--to", "file:x.json"), "not a PostgreSQL URL",
                "x:y@");
    }

    @Test
    void unreadableOrInvalidSnapshotFile(@TempDir Path dir) throws Exception {
        assertError(CliRun.of("diff", "--from", "file:" + dir.resolve("missing.json"), "--to", prod.jdbcUrl()),
                "cannot read snapshot file " + dir.resolve("missing.json") + ": not found", null);
        Path junk = Files.writeString(dir.resolve("junk.json"), "{not json");
        assertError(CliRun.of("diff", "--from", "file:" + junk, "--to", prod.jdbcUrl()),
                "is not a schemabot snapshot", null);
    }

    @Test
    void debugShowsTheStackTrace() {
        CliRun run = CliRun.of("snapshot", "--url", "postgresql://a:b@127.0.0.1:1/x", "--debug");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("\tat "), run.err());
    }

    @Test
    void usageErrorsExitTwoAndEveryCommandHasHelp() {
        assertEquals(2, CliRun.of("diff", "--from", "x").status());
        assertEquals(2, CliRun.of("frobnicate").status());
        for (String command : new String[] {"snapshot", "diff"}) {
            CliRun help = CliRun.of(command, "--help");
            assertEquals(0, help.status());
            assertTrue(help.out().contains("Usage: schemabot " + command), help.out());
        }
    }

    private static void assertError(CliRun run, String expected, String secret) {
        assertEquals(2, run.status(), run.out() + run.err());
        String err = run.err().strip();
        assertTrue(err.contains(expected), err);
        assertEquals(1, err.lines().count(), "one line, no stack trace: " + err);
        assertFalse(err.contains("Exception"), err);
        if (secret != null) {
            assertFalse(err.contains(secret), "the secret leaked: " + err);
        }
        assertTrue(run.out().isEmpty(), run.out());
    }
}
