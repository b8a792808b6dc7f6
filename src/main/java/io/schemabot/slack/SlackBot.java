package io.schemabot.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.response.Response;
import io.micrometer.core.instrument.MeterRegistry;
import io.schemabot.chat.Action;
import io.schemabot.chat.CommandAudit;
import io.schemabot.chat.CommandRouter;
import io.schemabot.chat.Invocation;
import io.schemabot.chat.Parsed;
import io.schemabot.chat.Reply;
import io.schemabot.config.Config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;

/**
 * The Bolt app: acks every command at once (usage and refusals inline; otherwise "Checking production..."),
 * does the database work on a bounded executor, and answers later through {@link SlackResponder}. A retried
 * or double-submitted request never starts the same work twice.
 */
public final class SlackBot {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SlackBot.class);
    private final App app;
    private final CommandRouter router;
    private final ExecutorService work;
    private final SlackResponder responder;
    private final MeterRegistry metrics;
    private final CommandAudit audit;
    private final Duration progressEvery;
    /** Requests seen (trigger ids, action timestamps): Slack's retries carry the same identity. */
    private final Cache<String, Boolean> seen = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(10)).maximumSize(100_000).build();
    /** Identical commands still running (same user, channel and text): a double submission joins them. */
    private final Cache<String, Boolean> running = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(30)).maximumSize(10_000).build();

    public SlackBot(Config.Slack slack, CommandRouter router, ExecutorService work, SlackResponder responder,
                    Slack client, MeterRegistry metrics, CommandAudit audit, Duration progressEvery) {
        this.router = router;
        this.audit = audit;
        this.progressEvery = progressEvery;
        this.work = work;
        this.responder = responder;
        this.metrics = metrics;
        AppConfig config = AppConfig.builder().signingSecret(slack.signingSecret()).singleTeamBotToken(slack.botToken())
                .slack(client).appInitializersEnabled(false).sslCheckEnabled(true).build();
        // No middleware at all. No auth.test or other Web API call may sit on the ack path, and SlackEndpoint has
        // verified the signature before Bolt's parser saw the body (which it logs when it does not recognise it):
        // Bolt's own check would come after that parser, too late, and only repeat the endpoint's.
        this.app = new App(config, client, List.of());
        app.command(slack.command(), (req, ctx) -> {
            var p = req.getPayload();
            return onCommand(p.getTriggerId(), new Invocation(p.getUserId(), p.getChannelId(), p.getText()),
                    p.getResponseUrl());
        });
        app.blockAction(Pattern.compile("schemabot:.+"), (req, ctx) -> {
            var p = req.getPayload();
            var action = p.getActions().get(0);
            String key = "action:" + p.getUser().getId() + ":" + action.getActionTs();
            if (seen.asMap().putIfAbsent(key, true) == null) {
                String channel = p.getChannel() == null ? null : p.getChannel().getId();
                Action click = new Action(p.getUser().getId(), channel, action.getValue(),
                        action.getActionId().substring("schemabot:".length()));
                try {
                    work.execute(() -> {
                        Reply reply = router.handle(click);
                        String verb = clip(click.verb());
                        audit.record(new Invocation(click.userId(), channel, verb + " " + clip(click.requestId())),
                                "button:" + verb, null, reply.header());
                        responder.send(p.getResponseUrl(), channel, click.userId(), BlockKit.render(reply));
                    });
                } catch (RejectedExecutionException e) {
                    seen.invalidate(key); // let Slack's retry try again
                    return Response.error(503);
                }
            }
            return ctx.ack();
        });
    }

    public App app() {
        return app;
    }

    private Response onCommand(String triggerId, Invocation inv, String responseUrl) {
        if (triggerId != null && seen.asMap().putIfAbsent("command:" + triggerId, true) != null) {
            metrics.counter("schemabot.commands", "verb", "retry", "outcome", "ignored").increment();
            return Response.ok(); // Slack retried a request already acked: the work is under way
        }
        Parsed parsed = router.parse(inv);
        if (!parsed.needsWork()) {
            metrics.counter("schemabot.commands", "verb", "immediate", "outcome", "replied").increment();
            auditLater(inv, null, null, "replied at once");
            return json(BlockKit.render(parsed.immediate()));
        }
        String identity = inv.userId() + "|" + inv.channelId() + "|" + inv.text().strip().toLowerCase(Locale.ROOT);
        if (running.asMap().putIfAbsent(identity, true) != null) {
            return json(BlockKit.render(Reply.ephemeral("Already on it")
                    .section("The same command is still running; its answer will appear here.").build()));
        }
        boolean joined;
        try {
            joined = router.submit(parsed, new CommandDelivery(responder, audit, metrics, inv, parsed.verb().word(),
                    parsed.subject(), responseUrl, parsed.verb().ack(parsed.subject()), progressEvery,
                    () -> running.invalidate(identity)));
        } catch (RejectedExecutionException e) {
            running.invalidate(identity);
            metrics.counter("schemabot.commands", "verb", parsed.verb().word(), "outcome", "busy").increment();
            return json(BlockKit.render(CommandRouter.busy()));
        }
        metrics.counter("schemabot.commands", "verb", parsed.verb().word(), "outcome", joined ? "joined" : "accepted").increment();
        return json(BlockKit.render(Reply.ephemeral(parsed.verb().ack(parsed.subject())).build()));
    }

    /** The audit log must never fail or delay an ack: a full queue only costs the record, and says so. */
    private void auditLater(Invocation inv, String verb, String target, String outcome) {
        try {
            work.execute(() -> audit.record(inv, verb, target, outcome));
        } catch (RejectedExecutionException e) {
            LOG.warn("audit record dropped: the work queue is full");
        }
    }

    /** What a click carries is the clicker's to choose: recorded short and without odd characters. */
    private static String clip(String value) {
        String v = value == null ? "" : value.replaceAll("[^A-Za-z0-9_:-]", "");
        return v.length() > 40 ? v.substring(0, 40) : v;
    }

    private static Response json(BlockKit.Rendered rendered) {
        return Response.builder().statusCode(200).contentType(Response.CONTENT_TYPE_APPLICATION_JSON_UTF8)
                .body(rendered.message().toString()).build();
    }
}
