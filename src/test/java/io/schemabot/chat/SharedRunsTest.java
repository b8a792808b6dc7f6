package io.schemabot.chat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedRunsTest {
    /** One worker, held busy by {@link #blockWorker()} until the test opens {@link #release}. */
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(2));
    private final SharedRuns runs = new SharedRuns(worker);
    private final CountDownLatch release = new CountDownLatch(1);
    private final BlockingQueue<String> delivered = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        worker.shutdown();
        assertTrue(worker.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void identicalCommandsWaitingForAWorker_shareOneRun() throws Exception {
        blockWorker();
        AtomicInteger reads = new AtomicInteger();
        Supplier<Reply> status = () -> Reply.ephemeral("status production, read " + reads.incrementAndGet()).build();

        assertFalse(runs.submit("status production", status, r -> delivered.add("alice: " + r.header())));
        assertTrue(runs.submit("status production", status, r -> delivered.add("bob: " + r.header())));
        assertTrue(runs.submit("status production", status, r -> delivered.add("carol: " + r.header())));
        release.countDown();

        List<String> answers = List.of(next(), next(), next());
        assertEquals(List.of("alice: status production, read 1", "bob: status production, read 1",
                "carol: status production, read 1"), answers);
        assertEquals(1, reads.get());
    }

    @Test
    void aCommandNeverJoinsARunThatHasStarted() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        Supplier<Reply> slowStatus = () -> {
            int n = reads.incrementAndGet();
            started.countDown();
            await(finish);
            return Reply.ephemeral("read " + n).build();
        };
        runs.submit("status production", slowStatus, r -> delivered.add("alice: " + r.header()));
        assertTrue(started.await(10, TimeUnit.SECONDS));

        assertFalse(runs.submit("status production", slowStatus, r -> delivered.add("bob: " + r.header())),
                "the first read began before bob asked, so bob gets a read of his own");
        finish.countDown();

        assertEquals("alice: read 1", next());
        assertEquals("bob: read 2", next());
    }

    @Test
    void differentKeysAndUnsharedCommands_runSeparately() throws Exception {
        blockWorker();
        AtomicInteger reads = new AtomicInteger();
        Supplier<Reply> work = () -> Reply.ephemeral("run " + reads.incrementAndGet()).build();

        assertFalse(runs.submit("status production", work, r -> delivered.add("a")));
        assertFalse(runs.submit(null, work, r -> delivered.add("b")));
        release.countDown();
        next();
        next();
        assertEquals(2, reads.get());
    }

    @Test
    void aFullQueue_refusesAndLeavesNothingBehind() throws Exception {
        blockWorker();
        Supplier<Reply> work = () -> Reply.ephemeral("ok").build();
        runs.submit("status staging", work, r -> delivered.add("staging"));
        runs.submit("diff production", work, r -> delivered.add("diff"));

        assertThrows(RejectedExecutionException.class,
                () -> runs.submit("status production", work, r -> delivered.add("refused")));
        release.countDown();
        assertEquals(List.of("staging", "diff"), List.of(next(), next()));

        // the refused key was not left waiting: asking again queues a fresh run that answers
        assertFalse(runs.submit("status production", work, r -> delivered.add("again")));
        assertEquals("again", next());
    }

    @Test
    void oneFailedDelivery_doesNotCostTheOthersTheirAnswer() throws Exception {
        blockWorker();
        Supplier<Reply> work = () -> Reply.ephemeral("ok").build();
        runs.submit("status production", work, r -> {
            throw new IllegalStateException("Slack refused the post");
        });
        runs.submit("status production", work, r -> delivered.add("bob"));
        release.countDown();
        assertEquals("bob", next());
    }

    @Test
    void workThatBlowsUp_stillAnswersEveryAsker() throws Exception {
        blockWorker();
        Supplier<Reply> broken = () -> {
            throw new StackOverflowError("a pathological definition");
        };
        runs.submit("diff production", broken, r -> delivered.add("alice: " + r.header()));
        runs.submit("diff production", broken, r -> delivered.add("bob: " + r.header()));
        runs.submit(null, broken, r -> delivered.add("carol: " + r.header()));
        release.countDown();
        assertEquals(List.of("alice: The command failed unexpectedly", "bob: The command failed unexpectedly",
                "carol: The command failed unexpectedly"), List.of(next(), next(), next()));
    }

    private void blockWorker() {
        worker.execute(() -> await(release));
    }

    private String next() throws InterruptedException {
        String answer = delivered.poll(10, TimeUnit.SECONDS);
        if (answer == null) {
            throw new AssertionError("no answer was delivered");
        }
        return answer;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
