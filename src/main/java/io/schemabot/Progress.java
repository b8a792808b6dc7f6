package io.schemabot;

import java.util.function.Consumer;

/**
 * Where long work says which phase it is in ("V3 (1 of 2) on the clone"): a line on a terminal, an updated chat
 * message, or nowhere. Like a command's connections ({@code db.ConnectionScope}), a command's progress travels with
 * the thread that runs it, so the engine can report a phase without every layer between it and the face passing
 * a listener along.
 */
public final class Progress implements AutoCloseable {
    private static final ThreadLocal<Consumer<String>> CURRENT = new ThreadLocal<>();
    private final Consumer<String> previous;

    private Progress(Consumer<String> previous) {
        this.previous = previous;
    }

    /** Phases this thread reports until close go to {@code sink}. */
    public static Progress to(Consumer<String> sink) {
        Progress scope = new Progress(CURRENT.get());
        CURRENT.set(sink);
        return scope;
    }

    /** Says which phase the current work has reached; nothing happens where nobody listens. */
    public static void report(String phase) {
        Consumer<String> sink = CURRENT.get();
        if (sink != null) {
            try {
                sink.accept(phase);
            } catch (RuntimeException e) {
                // progress is a courtesy: showing it must never fail the work
            }
        }
    }

    @Override
    public void close() {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
