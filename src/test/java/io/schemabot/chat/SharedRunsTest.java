package io.schemabot.chat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final SharedRuns runs = new SharedRuns(timer, Runnable::run, Duration.ofMinutes(5));
    private final CountDownLatch release = new CountDownLatch(1);
    private final BlockingQueue<String> delivered = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        worker.shutdown();
        timer.shutdownNow();
        assertTrue(worker.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void identicalCommandsWaitingForAWorker_shareOneRun() throws Exception {
        blockWorker();
        AtomicInteger reads = new AtomicInteger();
        Supplier<Reply> status = () -> Reply.ephemeral("status production, read " + reads.incrementAndGet()).build();

        assertFalse(submit("status production", status, r -> delivered.add("alice: " + r.header())));
        assertTrue(submit("status production", status, r -> delivered.add("bob: " + r.header())));
        assertTrue(submit("status production", status, r -> delivered.add("carol: " + r.header())));
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
        submit("status production", slowStatus, r -> delivered.add("alice: " + r.header()));
        assertTrue(started.await(10, TimeUnit.SECONDS));

        assertFalse(submit("status production", slowStatus, r -> delivered.add("bob: " + r.header())),
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

        assertFalse(submit("status production", work, r -> delivered.add("a")));
        assertFalse(submit(null, work, r -> delivered.add("b")));
        release.countDown();
        next();
        next();
        assertEquals(2, reads.get());
    }

    @Test
    void aFullQueue_refusesAndLeavesNothingBehind() throws Exception {
        blockWorker();
        Supplier<Reply> work = () -> Reply.ephemeral("ok").build();
        submit("status staging", work, r -> delivered.add("staging"));
        submit("diff production", work, r -> delivered.add("diff"));

        assertThrows(RejectedExecutionException.class,
                () -> submit("status production", work, r -> delivered.add("refused")));
        release.countDown();
        assertEquals(List.of("staging", "diff"), List.of(next(), next()));

        // the refused key was not left waiting: asking again queues a fresh run that answers
        assertFalse(submit("status production", work, r -> delivered.add("again")));
        assertEquals("again", next());
    }

    @Test
    void oneFailedDelivery_doesNotCostTheOthersTheirAnswer() throws Exception {
        blockWorker();
        Supplier<Reply> work = () -> Reply.ephemeral("ok").build();
        submit("status production", work, r -> {
            throw new IllegalStateException("Slack refused the post");
        });
        submit("status production", work, r -> delivered.add("bob"));
        release.countDown();
        assertEquals("bob", next());
    }

    @Test
    void workThatBlowsUp_stillAnswersEveryAsker() throws Exception {
        blockWorker();
        Supplier<Reply> broken = () -> {
            throw new StackOverflowError("a pathological definition");
        };
        submit("diff production", broken, r -> delivered.add("alice: " + r.header()));
        submit("diff production", broken, r -> delivered.add("bob: " + r.header()));
        submit(null, broken, r -> delivered.add("carol: " + r.header()));
        release.countDown();
        assertEquals(List.of("alice: The command failed unexpectedly", "bob: The command failed unexpectedly",
                "carol: The command failed unexpectedly"), List.of(next(), next(), next()));
    }

    @Test
    void aRunPastItsDeadline_answersItsAskersWithTheLateReply_andFreesItsWorker() throws Exception {
        SharedRuns quick = new SharedRuns(timer, Runnable::run, Duration.ofMillis(200));
        CountDownLatch hung = new CountDownLatch(1);
        Supplier<Reply> stuck = () -> {
            await(hung); // a target that does not answer until the test lets it
            return Reply.ephemeral("too late to matter").build();
        };
        Reply late = Reply.ephemeral("production did not answer").build();
        quick.submit(worker, new SharedRuns.Job("status production", stuck, late), Delivery.of(r -> delivered.add("alice: " + r.header())));
        assertEquals("alice: production did not answer", next());
        // the stuck work was stopped (never released here): the single worker is free for the next command, and
        // whatever the stopped work ended with reaches nobody
        quick.submit(worker, new SharedRuns.Job(null, () -> Reply.ephemeral("next").build(), late), Delivery.of(r -> delivered.add(r.header())));
        assertEquals("next", next());
    }

    @Test
    void aCommandStillQueuedAtItsDeadline_neverTouchesTheTarget() throws Exception {
        SharedRuns quick = new SharedRuns(timer, Runnable::run, Duration.ofMillis(200));
        blockWorker();
        AtomicInteger reads = new AtomicInteger();
        quick.submit(worker, new SharedRuns.Job("status production", () -> Reply.ephemeral("read " + reads.incrementAndGet())
                .build(), Reply.ephemeral("late").build()), Delivery.of(r -> delivered.add(r.header())));
        assertEquals("late", next());
        release.countDown();
        quick.submit(worker, new SharedRuns.Job(null, () -> Reply.ephemeral("after").build(), Reply.ephemeral("late").build()),
                Delivery.of(r -> delivered.add(r.header())));
        assertEquals("after", next());
        assertEquals(0, reads.get(), "the queued read was dropped once its asker had been answered");
    }

    @Test
    void aLateJoiner_hasADeadlineOfItsOwn_notTheFirstAskers() throws Exception {
        SharedRuns quick = new SharedRuns(timer, Runnable::run, Duration.ofMillis(300));
        blockWorker();
        Supplier<Reply> status = () -> Reply.ephemeral("read").build();
        Reply late = Reply.ephemeral("late").build();
        quick.submit(worker, new SharedRuns.Job("status production", status, late), Delivery.of(r -> delivered.add("alice: " + r.header())));
        assertEquals("alice: late", next());
        // alice's deadline has passed; bob asks now and joins nothing stale: his own wait begins
        quick.submit(worker, new SharedRuns.Job("status production", status, late), Delivery.of(r -> delivered.add("bob: " + r.header())));
        release.countDown();
        assertEquals("bob: read", next());
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

    private boolean submit(String key, Supplier<Reply> work, java.util.function.Consumer<Reply> deliver) {
        return runs.submit(worker, new SharedRuns.Job(key, work, Reply.ephemeral("late").build()), Delivery.of(deliver));
    }
}
