package io.schemabot.console;

import io.schemabot.chat.CommandRouter;
import io.schemabot.chat.Invocation;
import io.schemabot.chat.Reply;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A chat on standard input: {@code /schemabot status production} works as in Slack, {@code as <user>}
 * changes who is typing. Works with a terminal and with a script piped in; on a pipe it echoes each command
 * so the transcript reads like the channel. A command runs on a thread of its own so that {@link #interrupt()}
 * (Ctrl-C) can give the prompt back while it is still waiting on a database.
 */
public final class ConsoleChat {
    private static final String AS_USAGE = "(usage: as <user>, e.g. as bob, switches who is typing; quit leaves)";

    private final CommandRouter router;
    private final String command;
    private final String channel;
    private final boolean interactive;
    /** Words the console itself answers, not the bot (the demo's `break backend`): each returns what to print. */
    private final Map<String, Supplier<String>> local;
    private volatile FutureTask<Reply> running;
    private String user;

    public ConsoleChat(CommandRouter router, String command, String channel, String firstUser, boolean interactive) {
        this(router, command, channel, firstUser, interactive, Map.of());
    }

    public ConsoleChat(CommandRouter router, String command, String channel, String firstUser, boolean interactive,
                       Map<String, Supplier<String>> local) {
        this.router = router;
        this.command = command;
        this.channel = channel;
        this.user = firstUser;
        this.interactive = interactive;
        this.local = Map.copyOf(local);
    }

    public void run(BufferedReader in, PrintStream out) throws IOException {
        prompt(out);
        String line;
        while ((line = in.readLine()) != null) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                prompt(out);
                continue;
            }
            if (!interactive) {
                out.println(user + "> " + text);
            }
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.equals("quit") || lower.equals("exit")) {
                out.flush();
                return;
            }
            if (local.containsKey(lower.replaceAll("\\s+", " "))) {
                out.println(local.get(lower.replaceAll("\\s+", " ")).get());
            } else if (lower.equals("as") || lower.startsWith("as ")) {
                switchUser(text.substring(2).strip(), out);
            } else if (lower.startsWith(command + " ") || lower.equals(command)) {
                answer(text.substring(command.length()), out);
            } else if (text.startsWith("/")) {
                out.println("(unknown command " + text.split("\\s+")[0] + "; try " + command + " help)");
            } else {
                answer(text, out);
            }
            out.println();
            prompt(out);
        }
        if (interactive) {
            out.println(); // Ctrl-D leaves the cursor after the prompt; the shell's prompt belongs on a line of its own
        }
        out.flush();
    }

    /**
     * Abandons the command that is running, if any, and tells whether there was one. Its thread may still wait on
     * the database; its reply is dropped, so no error caused by leaving (a closed connection) is shown.
     */
    public boolean interrupt() {
        FutureTask<Reply> task = running;
        return task != null && task.cancel(true);
    }

    private void switchUser(String next, PrintStream out) {
        if (next.matches("[A-Za-z0-9._-]{1,40}")) {
            user = next;
            out.println("(now typing as " + user + ")");
        } else {
            out.println(AS_USAGE);
        }
    }

    private void answer(String text, PrintStream out) {
        FutureTask<Reply> task = new FutureTask<>(() -> router.handle(new Invocation(user, channel, text)));
        Thread worker = new Thread(task, "console-command");
        worker.setDaemon(true);
        running = task;
        worker.start();
        try {
            out.print(ConsoleText.render(task.get()));
        } catch (CancellationException e) {
            out.println("(interrupted)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("(interrupted)");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            running = null;
        }
    }

    private void prompt(PrintStream out) {
        if (interactive) {
            out.print(user + "> ");
            out.flush();
        }
    }
}
