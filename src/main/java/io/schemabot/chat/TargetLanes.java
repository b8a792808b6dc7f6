package io.schemabot.chat;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A few workers per target, each target its own: a target that hangs holds its own workers until its commands'
 * deadlines stop them, and commands for every other target go on. Beyond {@link #QUEUE} waiting commands a target
 * refuses more, so that a hung target cannot pile up work either.
 */
final class TargetLanes implements AutoCloseable {
    static final int QUEUE = 1000;
    private final int perTarget;
    private final ConcurrentHashMap<String, ThreadPoolExecutor> lanes = new ConcurrentHashMap<>();

    TargetLanes(int perTarget) {
        this.perTarget = perTarget;
    }

    Executor of(String target) {
        return lanes.computeIfAbsent(target, t -> {
            ThreadPoolExecutor lane = new ThreadPoolExecutor(perTarget, perTarget, 60, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(QUEUE), r -> {
                        Thread thread = new Thread(r, "schemabot-" + t);
                        thread.setDaemon(true);
                        return thread;
                    });
            lane.allowCoreThreadTimeOut(true); // a quiet target keeps no threads
            return lane;
        });
    }

    @Override
    public void close() {
        lanes.values().forEach(ThreadPoolExecutor::shutdownNow);
    }
}
