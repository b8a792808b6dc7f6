package io.schemabot.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemabot.chat.Invocation;
import io.schemabot.console.ConsoleText;
import io.schemabot.testing.CliRun;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.OneTargetChat;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a migrations side and a database side are expected to be when the history or the files say little. */
class ExpectationsTest {
    private static final String PENDING_NOTE = "@none (no Flyway history: every migration is pending)";

    @TempDir
    Path dir;

    private String migrations() throws IOException {
        Files.writeString(dir.resolve("V1__first.sql"), "CREATE TABLE a (id int);");
        Files.writeString(dir.resolve("V2__second.sql"), "CREATE TABLE b (id int);");
        return "migrations:filesystem:" + dir;
    }

    @Test
    void diff_withoutFlywayHistory_expectsTheStateBeforeTheFirstMigrationAndSaysEveryMigrationIsPending()
            throws IOException {
        try (TestDatabase db = EmbeddedPg.createDatabase("exp_nohistory")) {
            String source = migrations();
            CliRun text = CliRun.of("diff", "--from", db.jdbcUrl(), "--to", source);
            assertEquals(0, text.status(), text.out() + text.err());
            assertTrue(text.out().contains(source + PENDING_NOTE), text.out());
            CliRun json = CliRun.of("diff", "--from", db.jdbcUrl(), "--to", source, "--format", "json");
            assertEquals(0, json.status(), json.out() + json.err());
            JsonNode report = new ObjectMapper().readTree(json.out());
            assertTrue(report.toString().contains(source + PENDING_NOTE), json.out());
        }
    }

    @Test
    void diff_withoutFlywayHistory_showsWhatTheDatabaseHasBeyondTheEmptyStartNotWhatMigrationsWillCreate()
            throws IOException {
        try (TestDatabase db = EmbeddedPg.createDatabase("exp_nohistory_extra").exec("CREATE TABLE handmade (id int)")) {
            CliRun run = CliRun.of("diff", "--from", db.jdbcUrl(), "--to", migrations());
            assertEquals(1, run.status(), run.out() + run.err());
            assertTrue(run.out().contains("handmade"), run.out());
            assertFalse(run.out().contains("public.a") || run.out().contains("public.b"), run.out());
        }
    }

    @Test
    void diff_withoutFlywayHistory_andABaselineVersion_expectsTheBaseline() throws IOException {
        try (TestDatabase db = EmbeddedPg.createDatabase("exp_baseline").exec("CREATE TABLE a (id int)")) {
            String source = migrations();
            CliRun run = CliRun.of("diff", "--from", db.jdbcUrl(), "--to", source, "--baseline-version", "1");
            assertEquals(0, run.status(), run.out() + run.err());
            assertTrue(run.out().contains(source + "@1 (no Flyway history: the baseline; every later migration is"
                    + " pending)"), run.out());
            CliRun bad = CliRun.of("diff", "--from", db.jdbcUrl(), "--to", source, "--baseline-version", "one");
            assertEquals("schemabot: baseline version 'one' is not a version such as 1 or 2.1\n", bad.err());
            String reply = ConsoleText.render(OneTargetChat.router("legacy", db.jdbcUrl(), source.substring("migrations:".length()), "1")
                    .handle(new Invocation("U0ALICE", OneTargetChat.CHANNEL, "diff legacy")));
            assertTrue(reply.startsWith("legacy: no drift from its migrations"), reply);
            assertTrue(reply.contains("@1 (no Flyway history: the baseline; every later migration is pending)"), reply);
        }
    }

    @Test
    void explicitNoneVersionIsTheEmptyState() throws IOException {
        try (TestDatabase db = EmbeddedPg.createDatabase("exp_none")) {
            CliRun run = CliRun.of("diff", "--from", db.jdbcUrl(), "--to", migrations() + "@none");
            assertEquals(0, run.status(), run.out() + run.err());
        }
    }

    /**
     * Tests run as root, whom mode 000 does not stop; a migration file that is a symlink to nothing cannot be read
     * by root either. Flyway skips what it cannot read, so the applied V2 looked newer than every file.
     */
    @Test
    void status_withAnUnreadableMigrationFile_isAnErrorNotAFutureVersion() throws IOException {
        try (TestDatabase db = EmbeddedPg.createDatabase("exp_unreadable")) {
            String source = migrations();
            assertEquals(0, CliRun.of("status", "--url", db.jdbcUrl()).status());
            new io.schemabot.migrate.MigrationSource(source.substring("migrations:".length()), null)
                    .flyway(db.url(), null).migrate();
            Path second = dir.resolve("V2__second.sql");
            Files.delete(second);
            Files.createSymbolicLink(second, dir.resolve("gone.sql"));
            CliRun run = CliRun.of("status", "--url", db.jdbcUrl(), "--migrations", "filesystem:" + dir);
            assertEquals(2, run.status(), run.out() + run.err());
            assertEquals("schemabot: cannot read filesystem:" + second + ": not found (a symbolic link to nothing)\n",
                    run.err());
            CliRun diff = CliRun.of("diff", "--from", db.jdbcUrl(), "--to", source);
            assertEquals(2, diff.status(), diff.out() + diff.err());
        }
    }

    @Test
    void diff_ofOneDatabaseSpeltTwoWays_isRefusedAsTheSameSource() {
        try (TestDatabase db = EmbeddedPg.createDatabase("exp_same")) {
            String spelt = "postgres://postgres@127.0.0.1:" + db.port() + "/" + db.name();
            CliRun run = CliRun.of("diff", "--from", spelt, "--to", db.jdbcUrl());
            assertEquals(2, run.status(), run.out() + run.err());
            assertTrue(run.err().contains("are the same source"), run.err());
        }
        try (TestDatabase one = EmbeddedPg.createDatabase("exp_one"); TestDatabase other = EmbeddedPg.createDatabase("exp_other")) {
            String spelt = "postgres://postgres@127.0.0.1:" + other.port() + "/" + other.name();
            assertEquals(0, CliRun.of("diff", "--from", one.jdbcUrl(), "--to", spelt).status());
        }
    }

    @Test
    void anUnreadableSnapshotFileSaysWhy() throws IOException {
        Path missing = dir.resolve("missing.json");
        assertEquals("schemabot: cannot read snapshot file " + missing + ": not found\n", diffFrom(missing).err());
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), missing);
        assertEquals("schemabot: cannot read snapshot file " + link + ": not found (a symbolic link to nothing)\n",
                diffFrom(link).err());
        Path folder = Files.createDirectory(dir.resolve("folder.json"));
        assertEquals("schemabot: cannot read snapshot file " + folder + ": a directory, not a file\n",
                diffFrom(folder).err());
        Path notJson = Files.writeString(dir.resolve("notes.json"), "hello");
        assertTrue(diffFrom(notJson).err().startsWith("schemabot: " + notJson + " is not a schemabot snapshot (invalid"),
                diffFrom(notJson).err());
    }

    private static CliRun diffFrom(Path snapshot) {
        CliRun run = CliRun.of("diff", "--from", "file:" + snapshot, "--to", "file:" + snapshot + ".other");
        assertEquals(2, run.status(), run.out() + run.err());
        return run;
    }

    @Test
    void status_withoutMigrations_saysItCannotKnowWhatIsPending() throws IOException {
        try (TestDatabase db = EmbeddedPg.createDatabase("exp_nolocation")) {
            String source = migrations();
            new io.schemabot.migrate.MigrationSource(source.substring("migrations:".length()), null)
                    .flyway(db.url(), "1").migrate();
            CliRun text = CliRun.of("status", "--url", db.jdbcUrl());
            assertTrue(text.out().contains("\nPending: unknown, no migrations location given\n"), text.out());
            CliRun json = CliRun.of("status", "--url", db.jdbcUrl(), "--format", "json");
            assertFalse(new ObjectMapper().readTree(json.out()).get("migrationsRead").asBoolean(), json.out());
            String reply = ConsoleText.render(OneTargetChat.router("bare", db.jdbcUrl(), null, null)
                    .handle(new Invocation("U0ALICE", OneTargetChat.CHANNEL, "status bare")));
            assertTrue(reply.startsWith("bare: version 1, pending unknown (no migrations location given)"), reply);
        }
    }
}
