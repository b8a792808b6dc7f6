package io.schemabot.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Shows the phase of long work on one line of a terminal's stderr ("schemabot: V3 (1 of 2) on the clone"),
 * overwritten in place and cleared at the end, so that it never mixes with the output a script reads. Nothing is
 * shown where stderr is not a terminal (a pipe, a file, CI) or with --quiet.
 */
final class TerminalProgress implements Consumer<String> {
    private static final String CLEAR_LINE = "\r\u001b[2K";
    private final PrintWriter err;
    private boolean shown;

    TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void accept(String phase) {
        err.print(CLEAR_LINE + "schemabot: " + phase + "…");
        err.flush();
        shown = true;
    }

    /** {@code out}, with the progress line cleared before anything is written through it. */
    Writer guard(Writer out) {
        return new FilterWriter(out) {
            @Override
            public void write(String text, int offset, int length) throws IOException {
                clear();
                out.write(text, offset, length);
            }

            @Override
            public void write(char[] buffer, int offset, int length) throws IOException {
                clear();
                out.write(buffer, offset, length);
            }

            @Override
            public void write(int c) throws IOException {
                clear();
                out.write(c);
            }
        };
    }

    /** Removes the progress line before anything else is written there. */
    synchronized void clear() {
        if (shown) {
            err.print(CLEAR_LINE);
            err.flush();
            shown = false;
        }
    }

    /**
     * Whether this process's stderr is a terminal. Java 17 can only ask about stdin and stdout together
     * (System.console()); on Linux, where the file descriptor's link names the device, stderr is asked directly.
     */
    static boolean stderrIsTerminal() {
        try {
            String device = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
        } catch (Exception e) {
            return System.console() != null;
        }
    }
}
