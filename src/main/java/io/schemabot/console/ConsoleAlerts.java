package io.schemabot.console;

import io.schemabot.health.AlertSink;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Health alerts in the console, as the channel would show them: each message numbered (its "ts"), a reply under
 * the message it answers, an edit marked as one.
 */
public final class ConsoleAlerts implements AlertSink {
    private final PrintStream out;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<String, String> channelOf = new ConcurrentHashMap<>();

    public ConsoleAlerts(PrintStream out) {
        this.out = out;
    }

    @Override
    public Sent post(String channel, String threadTs, String text) {
        String ts = String.valueOf(next.incrementAndGet());
        channelOf.put(ts, channel);
        print(threadTs == null ? "[#ops, message " + ts + "] " : "[#ops, in the thread of message " + threadTs + "] ",
                text);
        return new Sent.Delivered(ts);
    }

    @Override
    public Sent update(String channel, String ts, String text) {
        print("[#ops, message " + ts + " now reads] ", text);
        return new Sent.Delivered(ts);
    }

    private void print(String where, String text) {
        synchronized (out) {
            out.println();
            out.println(where + ConsoleText.plain(text).replace("\n", "\n    "));
            out.flush();
        }
    }
}
