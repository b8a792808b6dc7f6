package io.schemabot.approval;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.schemabot.approval.RequestStore.LEADS;
import static io.schemabot.approval.RequestStore.OPS;
import static io.schemabot.approval.RequestStore.PROPOSER;
import static io.schemabot.approval.RequestStore.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Concurrent clicks from real threads, on two bot instances sharing one store: each move happens once. */
class ExactlyOnceTest {
    private final RequestStore store = new RequestStore();
    private final HotfixRequests first = RequestStore.requests(store.dataSource(), store.clock, LEADS, null);
    private final HotfixRequests second = RequestStore.requests(store.dataSource(), store.clock, LEADS, null);

    @AfterEach
    void dropStore() {
        store.close();
    }

    @Test
    void twentyConcurrentExecuteClicks_onTwoInstances_claimOnce() throws Exception {
        HotfixRequest r = first.propose(plan("hash-1"));
        first.approve(r.id(), "U0LEAD1", OPS, "hash-1");
        second.approve(r.id(), "U0LEAD2", OPS, "hash-1");
        List<String> clickers = List.of(PROPOSER, "U0LEAD1", "U0LEAD2", "U0LEAD3");

        List<Decision> decisions = all(20, i -> (i % 2 == 0 ? first : second)
                .claimForExecution(r.id(), clickers.get(i % clickers.size()), OPS));

        assertEquals(1, decisions.stream().filter(Decision::accepted).count());
        assertEquals(19, decisions.stream().filter(d -> !d.accepted()
                && d.message().contains("is already executing")).count());
        assertEquals(State.EXECUTING, second.find(r.id()).orElseThrow().state());
        assertEquals(1, first.events(r.id()).stream().filter(e -> e.kind() == RequestEvent.Kind.EXECUTING).count());
    }

    @Test
    void twoApproversAtOnce_reachApprovedExactlyOnce() throws Exception {
        for (int round = 0; round < 10; round++) {
            HotfixRequest r = first.propose(plan("hash-" + round));
            String hash = r.planHash();

            List<Decision> decisions = all(2, i -> (i == 0 ? first : second).approve(r.id(), LEADS.get(i), OPS, hash));

            assertEquals(2, decisions.stream().filter(Decision::accepted).count());
            HotfixRequest stored = first.find(r.id()).orElseThrow();
            assertEquals(State.APPROVED, stored.state());
            assertEquals(2, stored.approvers().size());
            assertEquals(1, movesInto(State.APPROVED, first.events(r.id()), stored));
        }
    }

    /** How many of the events moved the request into {@code state}, replaying them one by one. */
    private static long movesInto(State state, List<RequestEvent> events, HotfixRequest r) {
        long moves = 0;
        State before = null;
        for (int n = 1; n <= events.size(); n++) {
            State after = History.replay(events.subList(0, n), r.planHash(), r.required()).state();
            if (after == state && before != state) {
                moves++;
            }
            before = after;
        }
        return moves;
    }

    /** Runs {@code count} calls on as many threads, released together; their results in call order. */
    private static <T> List<T> all(int count, Call<T> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch ready = new CountDownLatch(count);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(threads.submit((Callable<T>) () -> {
                    ready.countDown();
                    go.await();
                    return call.run(index);
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    private interface Call<T> {
        T run(int index) throws Exception;
    }
}
