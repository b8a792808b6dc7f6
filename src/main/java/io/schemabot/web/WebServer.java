package io.schemabot.web;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.schemabot.slack.SlackEndpoint;

/** The HTTP face: Slack's requests, health for the platform, metrics for Prometheus. */
public final class WebServer implements AutoCloseable {
    private final Javalin javalin;

    public WebServer(SlackEndpoint slack, Health health, PrometheusMeterRegistry metrics, int port) {
        this.javalin = Javalin.create(config -> {
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            config.routes.post("/slack/events", slack::handle);
            config.routes.get("/health", ctx -> ctx.json(health.current()));
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
        });
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
    }
}
