package io.schemabot.cli;

import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.IncidentProduction;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Long work shows its phase on a terminal's stderr, and only there: never in a pipe, never with --quiet. */
class TerminalProgressTest {
    @Test
    void onATerminal_preflightShowsEachPhaseOnOneLineAndClearsIt_withoutTouchingStdout() {
        try (TestDatabase prod = IncidentProduction.create("progress_prod")) {
            String[] args = {"preflight", "--url", prod.jdbcUrl(), "--migrations", IncidentProduction.MIGRATIONS, "--format", "json"};
            Run shown = run(args, true);
            assertTrue(shown.err.contains("\r\u001b[2Kschemabot: cloning the schema of"), shown.err);
            assertTrue(shown.err.contains("schemabot: V3 (1 of 1) on the clone…"), shown.err);
            assertTrue(shown.err.endsWith("\r\u001b[2K"), "the line is cleared at the end: " + shown.err);
            assertFalse(shown.out.contains("schemabot:"), "stdout is the JSON alone");

            Run piped = run(args, false);
            assertEquals("", piped.err);
            Run quiet = run(new String[] {"preflight", "--quiet", "--url", prod.jdbcUrl(), "--migrations",
                    IncidentProduction.MIGRATIONS}, true);
            assertEquals("", quiet.err);
            assertEquals(piped.status, shown.status);
        }
    }

    @Test
    void anErrorAfterProgress_startsOnALineOfItsOwn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("V1__broken.sql"), "CREATE TABLE (;");
        try (TestDatabase db = EmbeddedPg.createDatabase("progress_error")) {
            Run failed = run(new String[] {"diff", "--from", db.jdbcUrl(), "--to", "migrations:filesystem:" + dir + "@latest"}, true);
            assertEquals(2, failed.status, failed.err);
            assertTrue(failed.err.contains("schemabot: applying the migrations to a shadow database…\r\u001b[2Kschemabot: the migrations in"),
                    failed.err);
        }
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String[] args, boolean terminal) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), EmbeddedPg.shared(), terminal);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
