package io.schemabot.web;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.schemabot.slack.SlackEndpoint;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The HTTP face: Slack's requests, health for the platform, metrics for Prometheus. */
public final class WebServer implements AutoCloseable {
    private final ExecutorService healthThreads = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "health");
        t.setDaemon(true);
        return t;
    });
    private final Javalin javalin;

    public WebServer(SlackEndpoint slack, Health health, PrometheusMeterRegistry metrics, int port) {
        this.javalin = Javalin.create(config -> {
            config.jetty.port = port;
            config.jetty.threadPool = httpThreads();
            config.startup.showJavalinBanner = false;
            config.routes.post("/slack/events", slack::handle);
            // Off the request threads, on two threads of its own (a flood of probes queues instead of spawning
            // threads): a probe of an unreachable target may wait its full 2 s.
            config.routes.get("/health", ctx -> ctx.async(async -> async.executor = healthThreads,
                    () -> ctx.json(health.current())));
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
        });
    }

    /**
     * Few request threads and a queue in front of them: every handler here is a short CPU task (acks never wait
     * for a database), so under a burst a FIFO queue answers in order, whereas Jetty's default of 200 threads
     * would time-slice them all and push the slowest acks past 100 ms on a 2-core machine.
     */
    private static QueuedThreadPool httpThreads() {
        int max = Math.max(8, 2 * Runtime.getRuntime().availableProcessors() + 4);
        QueuedThreadPool pool = new QueuedThreadPool(max, Math.min(max, 4));
        pool.setName("http");
        return pool;
    }

    public WebServer start() {
        javalin.start();
        return this;
    }

    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        javalin.stop();
        healthThreads.shutdownNow();
    }
}
