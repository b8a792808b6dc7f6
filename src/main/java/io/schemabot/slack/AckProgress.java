package io.schemabot.slack;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Shows a long command's phase in place of its "Running preflight on production…" message: not before
 * {@code every} has passed, at most that often, and at most {@link #MOST} times, so that the command's
 * response_url keeps a use for its answer and the channel is not flooded. Called on the command's own thread,
 * so each update is sent before the answer can be.
 */
final class AckProgress implements Consumer<String> {
    static final int MOST = 3;
    private final SlackResponder responder;
    private final String responseUrl;
    private final String ack;
    private final long everyNanos;
    private long last = System.nanoTime();
    private int shown;

    AckProgress(SlackResponder responder, String responseUrl, String ack, Duration every) {
        this.responder = responder;
        this.responseUrl = responseUrl;
        this.ack = ack;
        this.everyNanos = every.toNanos();
    }

    @Override
    public void accept(String phase) {
        long now = System.nanoTime();
        if (responseUrl == null || shown >= MOST || now - last < everyNanos) {
            return;
        }
        last = now;
        shown++;
        responder.replaceAck(responseUrl, ack + " " + phase);
    }
}
