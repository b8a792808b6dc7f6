package io.schemabot.web;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.schemabot.chat.CommandAudit;
import io.schemabot.chat.CommandRouter;
import io.schemabot.chat.Verb;
import io.schemabot.db.EmbeddedServer;
import io.schemabot.health.HealthMonitor;
import io.schemabot.ops.Hotfixes;
import io.schemabot.ops.Ops;
import io.schemabot.config.Config;
import io.schemabot.slack.SlackBot;
import io.schemabot.slack.SlackEndpoint;
import io.schemabot.slack.SlackRequestNotices;
import io.schemabot.slack.SlackResponder;
import io.schemabot.store.Store;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Wires `serve`: store, engine, router, Slack (Bolt), the executor for database work, and the web server. */
public final class SchemabotServer implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SchemabotServer.class);
    /**
     * Workers for button clicks and audit records. Commands run on their target's own workers (CommandRouter,
     * commands.perTarget, default 2): diff, preflight and hotfix do most of their work in the shadow PostgreSQL on
     * this machine, so more workers than cores only time-slice them and slow the acks (1,000 distinct hotfixes on
     * 2 cores: p99 ack 115 ms with 4 workers, 55 ms with 2).
     */
    static final int WORKERS = Math.min(4, Math.max(2, Runtime.getRuntime().availableProcessors()));
    /** Clicks and records waiting for a worker; beyond this a click is refused and Slack retries it. */
    static final int QUEUE = 1000;

    private final Store store;
    private final ThreadPoolExecutor work;
    private final CommandRouter router;
    private final Hotfixes hotfixes;
    private final HealthMonitor health;
    private final WebServer web;
    private final ScheduledExecutorService sweeps = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "schemabot-sweep");
        t.setDaemon(true);
        return t;
    });

    /** {@code embedded} is the shadow server for targets without a shadowUrl; it starts when first needed. */
    public SchemabotServer(Config config, Clock clock, Path dataDirectory, EmbeddedServer embedded) {
        this.store = Store.open(config.store().url(), dataDirectory);
        Ops ops = new Ops(embedded, config.planning());
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SlackConfig slackConfig = new SlackConfig();
        String api = config.slack().apiUrl().endsWith("/") ? config.slack().apiUrl() : config.slack().apiUrl() + "/";
        slackConfig.setMethodsEndpointUrlPrefix(api);
        // the SDK's own call statistics ask auth.test for the team first: a Web API call nobody needs
        slackConfig.getMethodsConfig().setStatsEnabled(false);
        Slack slack = Slack.getInstance(slackConfig);
        this.hotfixes = Hotfixes.over(config, ops, store.dataSource(), clock, slack.methods(config.slack().botToken()));
        SlackResponder responder = new SlackResponder(slack, config.slack().botToken());
        this.health = HealthMonitor.over(config, ops, store.dataSource(), slack.methods(config.slack().botToken()),
                clock);
        health.bindTo(metrics);
        this.router = new CommandRouter(config, ops, hotfixes,
                new SlackRequestNotices(responder, hotfixes, config.slack().channel()), health);
        this.work = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                r -> {
                    Thread t = new Thread(r, "schemabot-work");
                    t.setDaemon(true);
                    return t;
                });
        CommandAudit audit = (inv, verb, target, outcome) -> store.audit().record(inv.userId(), inv.channelId(),
                verb == null ? Verb.firstWord(inv.text()) : verb, target, outcome);
        SlackBot bot = new SlackBot(config.slack(), router, work,
                responder, slack, metrics, audit, config.commands().progressEvery());
        this.web = new WebServer(new SlackEndpoint(bot.app(), clock, metrics), new Health(config, ops, store),
                metrics, config.server().port());
    }

    public SchemabotServer start() {
        web.start();
        health.start(); // only the replica that holds the store's health lock runs the checks
        // requests a crash (or an outcome the store failed to write) left EXECUTING are judged from production,
        // off the start-up path, and again every minute, so none waits for the next restart
        sweeps.scheduleWithFixedDelay(() -> {
            try {
                hotfixes.resolveInterrupted().forEach(found -> LOG.warn("hotfix request {}", found));
            } catch (RuntimeException e) {
                LOG.warn("requests left executing could not be resolved yet: {}", e.getMessage());
            }
        }, 0, 1, TimeUnit.MINUTES);
        return this;
    }

    public int port() {
        return web.port();
    }

    @Override
    public void close() throws Exception {
        web.close();
        health.close();
        sweeps.shutdownNow();
        router.close();
        work.shutdown();
        work.awaitTermination(10, TimeUnit.SECONDS);
        store.close();
    }
}
