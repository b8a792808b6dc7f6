package io.schemabot.console;

import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.OneTargetChat;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console chat at a terminal: what Ctrl-D, a bare `as` and Ctrl-C during a command leave on the screen. */
class ConsoleChatTest {
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    private ConsoleChat chat(String url) {
        return new ConsoleChat(OneTargetChat.router("prod", url, null, null), "/schemabot", OneTargetChat.CHANNEL, "alice", true);
    }

    private String type(ConsoleChat chat, String input) throws Exception {
        chat.run(new BufferedReader(new StringReader(input)), new PrintStream(screen, true, StandardCharsets.UTF_8));
        return screen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void ctrlD_endsTheLineSoTheShellPromptStartsOnItsOwn() throws Exception {
        assertEquals("alice> \n", type(chat("postgres://u@127.0.0.1:1/none"), ""));
    }

    @Test
    void asAlone_explainsAsAndQuit() throws Exception {
        String out = type(chat("postgres://u@127.0.0.1:1/none"), "as\nquit\n");
        assertEquals("alice> (usage: as <user>, e.g. as bob, switches who is typing; quit leaves)\n\nalice> ", out);
    }

    /**
     * The command waits on a lock this test holds; interrupt() is what the demo's Ctrl-C handler calls. The prompt
     * comes back with "(interrupted)", and no error of the abandoned command is shown.
     */
    @Test
    void ctrlC_duringACommand_saysInterruptedAndGivesThePromptBack() throws Exception {
        try (TestDatabase db = EmbeddedPg.createDatabase("console_ctrlc").exec(
                "CREATE TABLE flyway_schema_history (installed_rank int)");
             Connection holder = db.connect(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.execute("LOCK TABLE flyway_schema_history IN ACCESS EXCLUSIVE MODE");
            ConsoleChat chat = chat(db.jdbcUrl());
            Thread typing = new Thread(() -> {
                try {
                    type(chat, "/schemabot status prod\n");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            typing.start();
            while (db.queryLong("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'flyway_schema_history'::regclass") == 0) {
                assertTrue(typing.isAlive(), "the command finished without waiting on the lock: " + screen);
            }
            assertTrue(chat.interrupt());
            typing.join();
            holder.rollback();
            String out = screen.toString(StandardCharsets.UTF_8);
            assertEquals("alice> (interrupted)\n\nalice> \n", out);
            assertFalse(chat.interrupt(), "nothing runs any more");
        }
    }
}
