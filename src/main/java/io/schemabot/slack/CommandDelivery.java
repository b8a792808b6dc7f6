package io.schemabot.slack;

import io.micrometer.core.instrument.MeterRegistry;
import io.schemabot.chat.CommandAudit;
import io.schemabot.chat.Delivery;
import io.schemabot.chat.Invocation;
import io.schemabot.chat.Reply;

import java.time.Duration;

/**
 * One slash command's way back to its asker: the audit's start and end records, its phases shown in place of
 * its "Running preflight…" message, and its answer. Progress and answer are serialised, so a phase is never shown
 * after the answer: not before {@code every} has passed, at most that often and {@link #MOST} times, so that the
 * response_url keeps a use for the answer and the channel is not flooded.
 */
final class CommandDelivery implements Delivery {
    static final int MOST = 3;
    private final SlackResponder responder;
    private final CommandAudit audit;
    private final MeterRegistry metrics;
    private final Invocation invocation;
    private final String verb;
    private final String target;
    private final String responseUrl;
    private final String ack;
    private final long everyNanos;
    private final Runnable whenAnswered;
    private final long asked = System.nanoTime();
    private long lastShown = asked;
    private int shown;
    private boolean answered;

    CommandDelivery(SlackResponder responder, CommandAudit audit, MeterRegistry metrics, Invocation invocation,
                    String verb, String target, String responseUrl, String ack, Duration every, Runnable whenAnswered) {
        this.responder = responder;
        this.audit = audit;
        this.metrics = metrics;
        this.invocation = invocation;
        this.verb = verb;
        this.target = target;
        this.responseUrl = responseUrl;
        this.ack = ack;
        this.everyNanos = every.toNanos();
        this.whenAnswered = whenAnswered;
    }

    @Override
    public void started() {
        audit.record(invocation, verb, target, "started");
    }

    @Override
    public synchronized void progress(String phase) {
        long now = System.nanoTime();
        if (answered || responseUrl == null || shown >= MOST || now - lastShown < everyNanos) {
            return;
        }
        lastShown = now;
        shown++;
        responder.replaceAck(responseUrl, ack + " " + phase);
    }

    @Override
    public synchronized void answer(Reply reply) {
        answered = true;
        // the same command may start again while this reply is on its way to Slack
        whenAnswered.run();
        metrics.timer("schemabot.work", "verb", verb).record(Duration.ofNanos(System.nanoTime() - asked));
        audit.record(invocation, verb, target, reply.header());
        responder.send(responseUrl, invocation.channelId(), invocation.userId(), BlockKit.render(reply));
    }
}
