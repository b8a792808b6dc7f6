package io.schemabot.execute;

import io.schemabot.plan.PlanOptions;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Other sessions on the target: one holding a table the plan needs, another run of the same plan. */
class ExecutorContentionTest {

    @Test
    void aLockHeldOnDocuments_isRetriedWithBackoff_namesTheBlocker_thenTableBusyAndNothingChanged() throws Exception {
        PlanOptions quick = PlanOptions.defaults().withTimeouts(Duration.ofMillis(200), Duration.ofMinutes(1));
        try (IncidentTarget t = IncidentTarget.with("exec_busy", 100, quick);
             Connection holder = t.prod().connect(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.execute("LOCK TABLE documents IN ACCESS SHARE MODE");
            int holderPid;
            try (ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                holderPid = rs.getInt(1);
            }
            List<Duration> waits = IncidentTarget.waits();
            List<Integer> blockedAttempts = new ArrayList<>();
            List<Duration> announced = new ArrayList<>();
            Listener listener = new Listener() {
                @Override
                public void retrying(int next, Duration wait) {
                    assertEquals(announced.size() + 2, next);
                    announced.add(wait);
                }

                @Override
                public void lockTimedOut(int number, List<Blocker> blockers) {
                    blockedAttempts.add(number);
                    assertEquals(List.of(holderPid), blockers.stream().map(Blocker::pid).toList());
                }
            };

            Execution run = new Executor(IncidentTarget.settings(3), IncidentTarget.recording(waits))
                    .run(t.prod().url(), t.plan(), null, null, listener);

            assertEquals(Execution.Outcome.FAILED, run.outcome());
            assertTrue(run.message().startsWith("table busy, nothing changed; held by pid " + holderPid + " (postgres, "),
                    run.message());
            assertTrue(run.message().contains("idle in transaction since "), run.message());
            assertTrue(run.message().endsWith("): SELECT pg_backend_pid()"), run.message());
            assertEquals(List.of(1, 2, 3, 4), blockedAttempts, "the first try and three retries");
            assertEquals(4, run.attempts().size());
            run.attempts().forEach(a -> assertTrue(a.lockTimedOut() && a.blockers().get(0).pid() == holderPid));
            assertEquals(3, waits.size());
            assertEquals(waits, announced, "each wait is announced before it starts");
            for (int i = 0; i < waits.size(); i++) {
                long base = 100L << i;
                long ms = waits.get(i).toMillis();
                assertTrue(ms >= base && ms <= base + 100, "backoff " + i + " doubles, with up to 100 ms jitter: " + ms);
            }
            holder.rollback();
            assertEquals(t.plan().baseFingerprint(), t.fingerprint());
            assertEquals("uuid", t.idType());
        }
    }

    @Test
    void twoExecutorsAtOnceOnOneTarget_runItExactlyOnce_theOtherIsAlreadyExecuting() throws Exception {
        try (IncidentTarget t = IncidentTarget.with("exec_twice", 100)) {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Listener holding = new Listener() {
                @Override
                public void attemptStarted(int number) {
                    inside.countDown();
                    await(release);
                }
            };
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                Future<Execution> first = threads.submit(() -> new Executor(IncidentTarget.settings(3), Pause.REAL)
                        .run(t.prod().url(), t.plan(), null, null, holding));
                assertTrue(inside.await(60, TimeUnit.SECONDS), "the first run reached its transaction");
                Future<Execution> second = threads.submit(() -> new Executor(IncidentTarget.settings(3), Pause.REAL)
                        .run(t.prod().url(), t.plan(), null, null, Listener.NONE));
                Execution refused = second.get(60, TimeUnit.SECONDS);
                release.countDown();
                Execution ran = first.get(60, TimeUnit.SECONDS);

                assertEquals(Execution.Outcome.FAILED, refused.outcome());
                assertEquals("already executing on " + t.prod().url().describe() + "; nothing else was run",
                        refused.message());
                assertEquals(List.of(), refused.attempts());
                assertEquals(Execution.Outcome.SUCCEEDED, ran.outcome(), ran.message());
                assertEquals(t.plan().targetFingerprint(), t.fingerprint());
            } finally {
                release.countDown();
                threads.shutdown();
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(60, TimeUnit.SECONDS), "released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
