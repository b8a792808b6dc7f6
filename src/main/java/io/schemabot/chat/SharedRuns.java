package io.schemabot.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs commands on the work executor, letting identical read-only commands that are still waiting for a worker
 * share one run. In an incident the whole channel asks `status production` at once; one read answers them all,
 * and the database and the bot's CPU stay free for what matters. A command never joins a run that has already
 * started, so every answer was read after its question was asked.
 */
public final class SharedRuns {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SharedRuns.class);
    private final Executor executor;
    private final ConcurrentHashMap<String, Waiting> waiting = new ConcurrentHashMap<>();

    /** {@code executor} must run tasks on its own threads (never the caller's): tasks are queued from inside a map update. */
    public SharedRuns(Executor executor) {
        this.executor = executor;
    }

    /**
     * Queues {@code work} under {@code key} (null: never shared) and hands its result to {@code deliver}.
     * Returns true when the command joined one already waiting.
     *
     * @throws RejectedExecutionException when the executor's queue is full; nothing was queued then
     */
    public boolean submit(String key, Supplier<Reply> work, Consumer<Reply> deliver) {
        if (key == null) {
            executor.execute(() -> deliverAll(List.of(deliver), run(work)));
            return false;
        }
        boolean[] joined = {false};
        waiting.compute(key, (k, queued) -> {
            if (queued != null) {
                queued.deliveries.add(deliver);
                joined[0] = true;
                return queued;
            }
            Waiting fresh = new Waiting(deliver);
            // Inside compute, so that no one joins a run the executor refused.
            executor.execute(() -> runShared(k, fresh, work));
            return fresh;
        });
        return joined[0];
    }

    private void runShared(String key, Waiting mine, Supplier<Reply> work) {
        waiting.remove(key, mine); // from here on, newcomers queue a run of their own
        deliverAll(mine.deliveries, run(work));
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

    /** The deliveries of a run not started yet; touched only inside the map's compute and after remove. */
    private static final class Waiting {
        final List<Consumer<Reply>> deliveries = new ArrayList<>();

        Waiting(Consumer<Reply> first) {
            deliveries.add(first);
        }
    }
}
