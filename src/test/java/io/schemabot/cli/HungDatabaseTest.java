package io.schemabot.cli;

import io.schemabot.testing.CliRun;
import io.schemabot.testing.SilentServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A database that accepts connections and never answers ends a command with exit 2 and one line, not a hang. */
class HungDatabaseTest {
    @Test
    @Timeout(120) // a safety net only: before the login timeout this command never returned
    void snapshotOfAServerThatNeverAnswers_givesUpWithTheDefaultLimits() throws Exception {
        try (SilentServer hung = new SilentServer()) {
            CliRun run = CliRun.of("snapshot", "--url", hung.url(null));
            assertEquals(2, run.status(), run.err());
            assertOneLineAboutTheServer(run, hung);
        }
    }

    @Test
    @Timeout(120)
    void statusAndDiffGiveUpToo_withLimitsSetInTheUrl() throws Exception {
        try (SilentServer hung = new SilentServer()) {
            String url = hung.url("loginTimeout=2");
            CliRun status = CliRun.of("status", "--url", url);
            assertEquals(2, status.status(), status.err());
            assertOneLineAboutTheServer(status, hung);
            CliRun diff = CliRun.of("diff", "--from", url, "--to", "migrations:classpath:demo/migrations");
            assertEquals(2, diff.status(), diff.err());
            assertOneLineAboutTheServer(diff, hung);
        }
    }

    private static void assertOneLineAboutTheServer(CliRun run, SilentServer hung) {
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("127.0.0.1:" + hung.port() + "/appdb"), run.err());
        assertFalse(run.err().contains("hunter22"), run.err());
        assertEquals("", run.out());
    }
}
