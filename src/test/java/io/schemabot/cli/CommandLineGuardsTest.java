package io.schemabot.cli;

import io.schemabot.testing.CliRun;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.OutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mistakes a CI job can make, each answered with exit 2 and one line, never with a silent pass or a password. */
class CommandLineGuardsTest {
    static TestDatabase a;
    static TestDatabase b;

    @BeforeAll
    static void build() {
        a = EmbeddedPg.createDatabase("guard_a").exec("CREATE TABLE t (id int)");
        b = EmbeddedPg.createDatabase("guard_b").exec("CREATE TABLE t (id bigint)");
    }

    @AfterAll
    static void drop() {
        a.close();
        b.close();
    }

    @Test
    void anUnknownSchemaIsAnErrorNotAMatch() {
        for (String verb : new String[] {"plan", "diff"}) {
            CliRun run = CliRun.of(verb, "--from", a.jdbcUrl(), "--to", b.jdbcUrl(), "--schema", "Public");
            assertEquals(2, run.status(), run.out());
            assertEquals("", run.out());
            assertTrue(run.err().contains("no side has a schema named 'Public'"), run.err());
        }
        CliRun snapshot = CliRun.of("snapshot", "--url", a.jdbcUrl(), "--schema", "nosuch");
        assertEquals(2, snapshot.status());
        assertEquals(1, CliRun.of("diff", "--from", a.jdbcUrl(), "--to", b.jdbcUrl(), "--schema", "public").status());
    }

    @Test
    void theSameDatabaseOnBothSidesIsAnError() {
        String sameByOtherSpelling = "postgresql://postgres@localhost:" + EmbeddedPg.port() + "/" + a.name();
        CliRun run = CliRun.of("plan", "--from", a.jdbcUrl(), "--to", sameByOtherSpelling);
        assertEquals(2, run.status());
        assertTrue(run.err().contains("the same source"), run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "postgres://u:ab SECRETXYZ@localhost:1/db",
            "postgres://u:SECRETXYZ\"q@localhost:1/db",
            "postgres://u:SECRETXYZ@localhost:notaport/db",
            "jdbc:postgresql://localhost:1/db?user=u&password=a SECRETXYZ",
            "mysql://u:a SECRETXYZ@h/db",
    })
    void aPasswordNeverReachesTheOutputHoweverTheUrlIsBroken(String url) {
        CliRun run = CliRun.of("diff", "--from", url, "--to", b.jdbcUrl(), "--debug");
        assertEquals(2, run.status());
        assertFalse((run.out() + run.err()).contains("SECRETXYZ"), run.err());
        assertTrue(run.err().startsWith("schemabot: "), run.err());
    }

    @Test
    void anArgumentTheParserRejectsIsQuotedWithoutItsPassword() {
        CliRun run = CliRun.of("plan", "--from=", "postgres://u:SECRETXYZ@localhost:1/db", "--to", b.jdbcUrl());
        assertEquals(2, run.status());
        assertFalse(run.err().contains("SECRETXYZ"), run.err());
        assertEquals(1, run.err().lines().count(), "one line, not the whole usage: " + run.err());
    }

    @Test
    void aSnapshotFileWithoutTablesIsRefusedNotReadAsAnEmptySchema(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("typo.json");
        java.nio.file.Files.writeString(file, "{\"format\":\"schemabot-snapshot/1\",\"snapshot\":{\"schemas\":[],\"tabels\":[]}}");
        CliRun run = CliRun.of("plan", "--from", a.jdbcUrl(), "--to", "file:" + file);
        assertEquals(2, run.status(), run.out());
        assertTrue(run.err().contains("no \"tables\" list"), run.err());
    }

    @Test
    void anAtSignInTheQueryKeepsTheCredentials() {
        io.schemabot.db.DatabaseUrl url = io.schemabot.db.DatabaseUrl.parse(
                "postgres://me:pw@db.example:5433/app?application_name=a@b");
        assertEquals("me", url.user());
        assertEquals("pw", url.password());
        assertEquals("db.example", url.host());
        assertEquals("a@b", url.parameters().get("application_name"));
    }

    @Test
    void outputThatCannotBeWrittenIsAnError() {
        PrintStream full = new PrintStream(new OutputStream() {
            @Override
            public void write(int c) throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }
        }, true);
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int status = Main.run(new String[] {"plan", "--from", a.jdbcUrl(), "--to", b.jdbcUrl(), "--format", "sql"},
                full, new PrintStream(err, true), io.schemabot.testing.EmbeddedPg.shared());
        assertEquals(2, status);
        assertTrue(err.toString().contains("could not write the output"), err.toString());
    }
}
