package io.schemabot.health;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one way out for alerts: a queue and one thread, so that checks never wait for Slack. Messages go in order, at
 * most one per {@code pace} per channel (Slack's guidance is about one a second); a 429 waits for its Retry-After,
 * a 5xx or a network failure is tried again with a growing backoff, for up to {@code giveUpAfter}.
 */
public final class AlertQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertQueue.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration LONGEST_BACKOFF = Duration.ofMinutes(1);

    /** Waits; tests may pass one that records the wait and returns at once. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;

        static Sleeper real() {
            return d -> TimeUnit.NANOSECONDS.sleep(d.toNanos());
        }
    }

    /**
     * A message to send. The ts it threads under or edits is looked up when it is sent, not when it is queued:
     * the alert it belongs to may still be ahead of it in this queue.
     */
    private record Outgoing(String channel, Supplier<String> ts, boolean update, String text, Consumer<String> posted,
                            Consumer<Boolean> settled, int generation) {
    }

    /** Moves on when the replica loses the lead: a message of an older generation is not tried again. */
    private final AtomicInteger generation = new AtomicInteger();

    private final AlertSink sink;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration pace;
    private final Duration giveUpAfter;
    private final BlockingQueue<Outgoing> queue = new LinkedBlockingQueue<>();
    private final Map<String, Instant> lastSent = new HashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Thread thread;
    private volatile boolean closed;

    public AlertQueue(AlertSink sink, Clock clock, Sleeper sleeper, Duration pace, Duration giveUpAfter) {
        this.sink = sink;
        this.clock = clock;
        this.sleeper = sleeper;
        this.pace = pace;
        this.giveUpAfter = giveUpAfter;
        this.thread = new Thread(this::deliver, "health-alerts");
        thread.setDaemon(true);
        thread.start();
    }

    /** Slack's pace (one message a second per channel), trying for up to 30 minutes, on the real clock. */
    public static AlertQueue over(AlertSink sink) {
        return new AlertQueue(sink, Clock.systemUTC(), Sleeper.real(), Duration.ofSeconds(1), Duration.ofMinutes(30));
    }

    /** Posts {@code text}; in the thread of {@code threadTs} when it gives a ts; hands Slack's ts to {@code posted}. */
    void post(String channel, Supplier<String> threadTs, String text, Consumer<String> posted) {
        post(channel, threadTs, text, posted, settled -> { });
    }

    /**
     * The same, telling {@code settled} once it is done with the message: true when Slack took it or refused it
     * for good, false when it gave up (the message is the store's to offer again).
     */
    void post(String channel, Supplier<String> threadTs, String text, Consumer<String> posted,
              Consumer<Boolean> settled) {
        offer(new Outgoing(channel, threadTs, false, text, posted, settled, generation.get()));
    }

    /** Replaces the message that {@code ts} gives (nothing happens if it gives none: the alert was never posted). */
    void update(String channel, Supplier<String> ts, String text) {
        update(channel, ts, text, settled -> { });
    }

    void update(String channel, Supplier<String> ts, String text, Consumer<Boolean> settled) {
        offer(new Outgoing(channel, ts, true, text, t -> { }, settled, generation.get()));
    }

    /** Waits until everything queued was sent or given up; true if so within {@code limit}. */
    public boolean awaitIdle(Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        synchronized (inFlight) {
            while (inFlight.get() > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(inFlight, left);
            }
        }
        return true;
    }

    private void offer(Outgoing message) {
        inFlight.incrementAndGet();
        queue.add(message);
    }

    private void deliver() {
        while (!closed) {
            Outgoing message;
            try {
                message = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            boolean settled = false;
            try {
                settled = send(message);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                // the one sending thread must outlive any message: a dead sender would queue alerts forever
                LOG.warn("a health alert was not sent: {}", Evidence.error(e), e);
            } finally {
                try {
                    message.settled().accept(settled);
                } catch (RuntimeException | Error e) {
                    LOG.warn("recording a health alert's outcome failed: {}", Evidence.error(e), e);
                } finally {
                    synchronized (inFlight) {
                        inFlight.decrementAndGet();
                        inFlight.notifyAll();
                    }
                }
            }
        }
    }

    /** True when the message is settled (taken, or refused for good); false when it was given up. */
    private boolean send(Outgoing message) throws InterruptedException {
        Instant first = clock.instant();
        Duration backoff = FIRST_BACKOFF;
        String ts = message.ts().get();
        if (message.update() && ts == null) {
            LOG.warn("a health alert in {} was never posted, so it cannot be updated", message.channel());
            return false;
        }
        for (int attempt = 1; ; attempt++) {
            keepPace(message.channel());
            if (message.generation() != generation.get()) {
                return false; // queued while this replica led; it no longer does, and the new leader says it
            }
            AlertSink.Sent sent = message.update() ? sink.update(message.channel(), ts, message.text())
                    : sink.post(message.channel(), ts, message.text());
            lastSent.put(message.channel(), clock.instant());
            if (sent instanceof AlertSink.Sent.Delivered d) {
                message.posted().accept(d.ts());
                return true;
            }
            if (sent instanceof AlertSink.Sent.Refused r) {
                LOG.warn("Slack refused a health alert in {}: {}", message.channel(), r.why());
                return true;
            }
            AlertSink.Sent.Later later = (AlertSink.Sent.Later) sent;
            if (Duration.between(first, clock.instant()).compareTo(giveUpAfter) >= 0 || attempt >= 100) {
                LOG.warn("gave up on a health alert in {} after {} attempts: {}", message.channel(), attempt,
                        later.why());
                return false;
            }
            Duration wait = later.retryAfter() != null ? later.retryAfter() : backoff;
            LOG.info("Slack said {} to a health alert; trying again in {}", later.why(), Evidence.took(wait));
            sleeper.sleep(wait);
            backoff = backoff.multipliedBy(2).compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private void keepPace(String channel) throws InterruptedException {
        Instant last = lastSent.get(channel);
        if (last != null) {
            Duration wait = Duration.between(clock.instant(), last.plus(pace));
            if (!wait.isNegative() && !wait.isZero()) {
                sleeper.sleep(wait);
            }
        }
    }

    /**
     * Forgets what is still queued: this replica no longer leads, and the new leader says what is still to be said
     * (an alert the store has no ts for); sending it here too would say it twice.
     */
    void dropQueued() {
        generation.incrementAndGet();
        List<Outgoing> dropped = new java.util.ArrayList<>();
        queue.drainTo(dropped);
        if (!dropped.isEmpty()) {
            LOG.warn("no longer leading the health checks: {} queued alert messages left to the new leader",
                    dropped.size());
            synchronized (inFlight) {
                inFlight.addAndGet(-dropped.size());
                inFlight.notifyAll();
            }
        }
    }

    /** Gives what is queued a few seconds to go out, then stops. */
    @Override
    public void close() {
        try {
            awaitIdle(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
        thread.interrupt();
    }
}
