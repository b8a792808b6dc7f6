package io.schemabot.chat;

import io.schemabot.Progress;
import io.schemabot.db.ConnectionScope;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs commands, each asker getting exactly one answer within the deadline from the moment they asked. Identical
 * read-only commands still waiting for a worker share one run: in an incident the whole channel asks
 * `status production` at once; one read answers them all, and the database and the bot's CPU stay free for what
 * matters. A command never joins a run that has already started, so every answer was read after its question was
 * asked. An asker past their deadline gets the late reply; once every asker of a run has had it, the run is
 * stopped: its database connections are cancelled and closed and its worker interrupted.
 */
public final class SharedRuns {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SharedRuns.class);
    private final ScheduledExecutorService timer;
    /** Late answers and stops do network I/O: never on the timer's one thread, where they would delay the others. */
    private final Executor lateWork;
    private final Duration deadline;
    private final ConcurrentHashMap<String, Run> waiting = new ConcurrentHashMap<>();

    public SharedRuns(ScheduledExecutorService timer, Executor lateWork, Duration deadline) {
        this.timer = timer;
        this.lateWork = lateWork;
        this.deadline = deadline;
    }

    /**
     * One command's work, the key under which askers may share it (null: never), and its reply if it is late
     * (null: it has no deadline).
     */
    public record Job(String shareKey, Supplier<Reply> work, Reply late) {
    }

    /**
     * Queues the job on {@code executor} (which must run tasks on its own threads, never the caller's) and hands
     * its answer to {@code delivery}. Returns true when the command joined one already waiting.
     *
     * @throws RejectedExecutionException when the executor's queue is full; nothing was queued then
     */
    public boolean submit(Executor executor, Job job, Delivery delivery) {
        Asker asker = new Asker(delivery);
        if (job.shareKey() == null) {
            Run run = new Run(asker);
            executor.execute(() -> work(job, run));
            startTimer(job, run, asker);
            return false;
        }
        boolean[] joined = {false};
        Run run = waiting.compute(job.shareKey(), (k, queued) -> {
            if (queued != null && queued.join(asker)) {
                joined[0] = true;
                return queued;
            }
            Run fresh = new Run(asker);
            // Inside compute, so that no one joins a run the executor refused.
            executor.execute(() -> work(job, fresh));
            return fresh;
        });
        startTimer(job, run, asker);
        return joined[0];
    }

    private void startTimer(Job job, Run run, Asker asker) {
        if (job.late() == null) {
            return; // no deadline: work that must never be abandoned half-way (an execution) ends by its own limits
        }
        asker.timeout = timer.schedule(() -> lateWork.execute(() -> late(job, run, asker)), deadline.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void work(Job job, Run run) {
        if (job.shareKey() != null) {
            waiting.remove(job.shareKey(), run); // from here on, newcomers queue a run of their own
        }
        List<Asker> askers = run.begin(Thread.currentThread());
        if (askers.isEmpty()) {
            return; // it waited past every asker's deadline: they were answered, the target is not touched
        }
        askers.forEach(a -> a.call(Delivery::started));
        Asker first = askers.get(0);
        Reply reply;
        try (ConnectionScope scope = run.scope.enter(); Progress progress = Progress.to(first::progress)) {
            reply = run(job.work());
        } finally {
            run.end();
            Thread.interrupted(); // a stop that came as the work ended must not reach the worker's next task
        }
        for (Asker a : run.askers()) {
            a.cancelTimeout();
            if (a.claim()) {
                a.call(d -> d.answer(reply));
            }
        }
    }

    private void late(Job job, Run run, Asker asker) {
        if (!asker.claim()) {
            return;
        }
        asker.call(d -> d.answer(job.late()));
        if (run.everyAskerAnswered()) {
            if (job.shareKey() != null) {
                waiting.remove(job.shareKey(), run);
            }
            run.stop();
        }
    }

    /** Every asker gets an answer, even when the work fails in a way it did not turn into a reply. */
    private static Reply run(Supplier<Reply> work) {
        try {
            return work.get();
        } catch (Throwable e) {
            String ref = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("a command failed unexpectedly (ref {})", ref, e);
            return Reply.ephemeral("The command failed unexpectedly")
                    .section("schemabot hit an unexpected error; the details are in its log under ref `" + ref + "`.")
                    .build();
        }
    }

    /** One asker: answered once, by the work or by their deadline, whichever comes first. */
    private static final class Asker {
        private final Delivery delivery;
        private final AtomicBoolean answered = new AtomicBoolean();
        private volatile ScheduledFuture<?> timeout;

        Asker(Delivery delivery) {
            this.delivery = delivery;
        }

        boolean claim() {
            return answered.compareAndSet(false, true);
        }

        boolean answered() {
            return answered.get();
        }

        void cancelTimeout() {
            ScheduledFuture<?> t = timeout; // null when the work ended before the timer was set: it will find us answered
            if (t != null) {
                t.cancel(false);
            }
        }

        /** One failed delivery must not cost the others their answer. */
        void call(java.util.function.Consumer<Delivery> action) {
            try {
                action.accept(delivery);
            } catch (Throwable e) {
                LOG.warn("an answer could not be delivered", e);
            }
        }

        void progress(String phase) {
            if (!answered()) {
                delivery.progress(phase);
            }
        }
    }

    /** One run of the work and the askers it answers. */
    private static final class Run {
        private final List<Asker> askers = new ArrayList<>();
        private final ConnectionScope scope = new ConnectionScope();
        private boolean started;
        private Thread worker;

        Run(Asker first) {
            askers.add(first);
        }

        synchronized boolean join(Asker asker) {
            if (started) {
                return false;
            }
            askers.add(asker);
            return true;
        }

        /** The askers still waiting as the work begins on {@code thread}; none means it must not begin. */
        synchronized List<Asker> begin(Thread thread) {
            started = true;
            List<Asker> waitingAskers = askers.stream().filter(a -> !a.answered()).toList();
            if (!waitingAskers.isEmpty()) {
                worker = thread;
            }
            return waitingAskers;
        }

        synchronized void end() {
            worker = null;
        }

        synchronized List<Asker> askers() {
            return List.copyOf(askers);
        }

        synchronized boolean everyAskerAnswered() {
            return askers.stream().allMatch(Asker::answered);
        }

        /**
         * Cancels the run's queries and closes its connections (a blocked read ends only so), and interrupts its
         * worker, which ends a wait the driver does in Java, such as a login the server never answers.
         */
        void stop() {
            Thread running;
            synchronized (this) {
                running = worker;
            }
            scope.stop();
            if (running != null) {
                synchronized (this) {
                    if (worker == running) {
                        running.interrupt();
                    }
                }
            }
        }
    }
}
