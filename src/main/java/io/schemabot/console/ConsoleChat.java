package io.schemabot.console;

import io.schemabot.chat.CommandRouter;
import io.schemabot.chat.Invocation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A chat on standard input: {@code /schemabot status production} works as in Slack, {@code as <user>}
 * changes who is typing. Works with a terminal and with a script piped in; on a pipe it echoes each command
 * so the transcript reads like the channel.
 */
public final class ConsoleChat {
    private final CommandRouter router;
    private final String command;
    private final String channel;
    private final boolean interactive;
    private String user;

    public ConsoleChat(CommandRouter router, String command, String channel, String firstUser, boolean interactive) {
        this.router = router;
        this.command = command;
        this.channel = channel;
        this.user = firstUser;
        this.interactive = interactive;
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
                break;
            }
            if (lower.startsWith("as ")) {
                String next = text.substring(3).strip();
                if (next.matches("[A-Za-z0-9._-]{1,40}")) {
                    user = next;
                    out.println("(now typing as " + user + ")");
                } else {
                    out.println("(usage: as <user>, e.g. as bob)");
                }
            } else if (lower.startsWith(command + " ") || lower.equals(command)) {
                out.print(ConsoleText.render(router.handle(new Invocation(user, channel, text.substring(command.length())))));
            } else if (text.startsWith("/")) {
                out.println("(unknown command " + text.split("\\s+")[0] + "; try " + command + " help)");
            } else {
                out.print(ConsoleText.render(router.handle(new Invocation(user, channel, text))));
            }
            out.println();
            prompt(out);
        }
        out.flush();
    }

    private void prompt(PrintStream out) {
        if (interactive) {
            out.print(user + "> ");
            out.flush();
        }
    }
}
