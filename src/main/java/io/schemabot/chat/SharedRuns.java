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
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs commands, each asker getting exactly one answer by the deadline. Identical read-only commands that are
 * still waiting for a worker share one run: in an incident the whole channel asks `status production` at once;
 * one read answers them all, and the database and the bot's CPU stay free for what matters. A command never joins
 * a run that has already started, so every answer was read after its question was asked. A run past its deadline
 * answers with its late reply and has its database connections stopped, which frees its worker.
 */
public final class SharedRuns {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SharedRuns.class);
    private final ScheduledExecutorService timer;
    private final Duration deadline;
    private final ConcurrentHashMap<String, Run> waiting = new ConcurrentHashMap<>();

    public SharedRuns(ScheduledExecutorService timer, Duration deadline) {
        this.timer = timer;
        this.deadline = deadline;
    }

    /**
     * One command's work, the key under which askers may share it (null: never), its reply if it is late, and
     * where the phases it reports go (null: nowhere).
     */
    public record Job(String shareKey, Supplier<Reply> work, Reply late, Consumer<String> progress) {
        public Job(String shareKey, Supplier<Reply> work, Reply late) {
            this(shareKey, work, late, null);
        }
    }

    /**
     * Queues the job on {@code executor} (which must run tasks on its own threads, never the caller's) and hands
     * its answer to {@code deliver}. Returns true when the command joined one already waiting.
     *
     * @throws RejectedExecutionException when the executor's queue is full; nothing was queued then
     */
    public boolean submit(Executor executor, Job job, Consumer<Reply> deliver) {
        if (job.shareKey() == null) {
            start(executor, job, new Run(deliver));
            return false;
        }
        boolean[] joined = {false};
        waiting.compute(job.shareKey(), (k, queued) -> {
            if (queued != null && queued.join(deliver)) {
                joined[0] = true;
                return queued;
            }
            Run fresh = new Run(deliver);
            // Inside compute, so that no one joins a run the executor refused.
            start(executor, job, fresh);
            return fresh;
        });
        return joined[0];
    }

    private void start(Executor executor, Job job, Run run) {
        executor.execute(() -> work(job, run));
        run.timeout = timer.schedule(() -> late(job, run), deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void work(Job job, Run run) {
        if (job.shareKey() != null) {
            waiting.remove(job.shareKey(), run); // from here on, newcomers queue a run of their own
        }
        if (run.answered()) {
            return; // it waited past its deadline: its askers were answered, the target is not touched
        }
        Reply reply;
        run.working(Thread.currentThread());
        try (ConnectionScope scope = run.scope.enter();
             Progress progress = Progress.to(job.progress() == null ? phase -> { } : job.progress())) {
            reply = run(job.work());
        } finally {
            run.working(null);
            Thread.interrupted(); // a stop that came as the work ended must not reach the worker's next task
        }
        run.cancelTimeout();
        deliverAll(run.answer(), reply);
    }

    private void late(Job job, Run run) {
        if (job.shareKey() != null) {
            waiting.remove(job.shareKey(), run);
        }
        List<Consumer<Reply>> askers = run.answer();
        if (!askers.isEmpty()) {
            run.stop();
            deliverAll(askers, job.late());
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

    /** One failed delivery must not cost the others their answer. */
    private static void deliverAll(List<Consumer<Reply>> deliveries, Reply reply) {
        for (Consumer<Reply> deliver : deliveries) {
            try {
                deliver.accept(reply);
            } catch (Throwable e) {
                LOG.warn("an answer could not be delivered", e);
            }
        }
    }

    /** One run's askers: answered once, by the work or by the deadline, whichever comes first. */
    private static final class Run {
        private final List<Consumer<Reply>> askers = new ArrayList<>();
        private final ConnectionScope scope = new ConnectionScope();
        private boolean answered;
        private Thread worker;
        private volatile ScheduledFuture<?> timeout;

        Run(Consumer<Reply> first) {
            askers.add(first);
        }

        synchronized boolean join(Consumer<Reply> asker) {
            if (answered) {
                return false;
            }
            askers.add(asker);
            return true;
        }

        synchronized boolean answered() {
            return answered;
        }

        /** The askers to answer, the first time; nobody after that. */
        synchronized List<Consumer<Reply>> answer() {
            if (answered) {
                return List.of();
            }
            answered = true;
            return List.copyOf(askers);
        }

        synchronized void working(Thread thread) {
            worker = thread;
        }

        /**
         * Closes the run's connections (a blocked read ends only so) and interrupts its worker, which ends a wait
         * the driver does in Java, such as a login that the server never answers.
         */
        synchronized void stop() {
            scope.stop();
            if (worker != null) {
                worker.interrupt();
            }
        }

        void cancelTimeout() {
            ScheduledFuture<?> t = timeout;
            if (t != null) {
                t.cancel(false);
            }
        }
    }
}
