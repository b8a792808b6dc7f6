package io.schemabot.console;

import io.schemabot.approval.HotfixRequest;
import io.schemabot.chat.Reply;
import io.schemabot.chat.RequestNotices;

import java.io.PrintStream;

/**
 * The console's transcript is the channel: a request's events are already the answers printed, so only what is
 * said later on its own (the health checks after a hotfix) is printed, under the request it belongs to.
 */
public final class ConsoleNotices implements RequestNotices {
    private final PrintStream out;

    public ConsoleNotices(PrintStream out) {
        this.out = out;
    }

    @Override
    public boolean proposed(HotfixRequest request, Reply proposal) {
        return false;
    }

    @Override
    public void happened(HotfixRequest request, Reply event, Reply current) {
    }

    @Override
    public void followUp(HotfixRequest request, Reply reply) {
        synchronized (out) {
            out.println();
            out.println("[#ops, in the thread of " + request.id() + "] " + ConsoleText.render(reply).strip()
                    .replace("\n", "\n    "));
            out.flush();
        }
    }
}
