package io.schemabot.chat;

import io.schemabot.Durations;
import io.schemabot.UserError;
import io.schemabot.config.Config;
import io.schemabot.approval.HotfixRequest;
import io.schemabot.ops.Hotfixes;
import io.schemabot.health.HealthMonitor;
import io.schemabot.ops.Ops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The chat commands, whatever the transport: Slack and the console both hand an {@link Invocation} (or a button
 * {@link Action}) to this router and render the {@link Reply} it returns.
 */
public final class CommandRouter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandRouter.class);
    private final Config config;
    private final Ops ops;
    private final RequestCommands requests;
    private final CommandParser parser;
    private final TargetLanes lanes;
    private final ScheduledExecutorService deadlines;
    private final ExecutorService lateWork;
    private final SharedRuns runs;
    private final HealthMonitor health;

    /** A router without hotfix requests: {@code hotfix} shows its plan, and the request verbs say they need a store. */
    public CommandRouter(Config config, Ops ops) {
        this(config, ops, null);
    }

    public CommandRouter(Config config, Ops ops, Hotfixes hotfixes) {
        this(config, ops, hotfixes, RequestNotices.NONE);
    }

    public CommandRouter(Config config, Ops ops, Hotfixes hotfixes, RequestNotices notices) {
        this(config, ops, hotfixes, notices, null);
    }

    /**
     * {@code notices}: where the channel hears of requests beyond their askers (Slack: messages and threads);
     * {@code health}: the health checks `health` shows and a hotfix runs once it has executed (null: none).
     */
    public CommandRouter(Config config, Ops ops, Hotfixes hotfixes, RequestNotices notices, HealthMonitor health) {
        this.config = config;
        this.ops = ops;
        this.health = health;
        this.parser = new CommandParser(config);
        this.lanes = new TargetLanes(config.commands().perTarget());
        this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "schemabot-deadlines");
            t.setDaemon(true);
            return t;
        });
        this.lateWork = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "schemabot-late");
            t.setDaemon(true);
            return t;
        });
        this.runs = new SharedRuns(deadlines, lateWork, config.commands().deadline());
        this.requests = hotfixes == null ? null : new RequestCommands(hotfixes, config.slack().command(), notices,
                health == null ? null : new HealthAfterHotfix(health, lateWork, Clock.systemUTC()));
    }

    /**
     * Queues a parsed command on its target's workers (Slack's path); its answer, or by the deadline the news
     * that the target did not answer, goes to {@code deliver}. Returns true when it joined an identical command
     * still waiting.
     *
     * @throws RejectedExecutionException when too many commands wait for that target; nothing was queued
     */
    public boolean submit(Parsed parsed, Delivery delivery) {
        // an execution is bounded by its own lock and statement timeouts, and must never be abandoned half-way
        boolean executes = parsed.verb() == Verb.EXECUTE || parsed.verb() == Verb.APPROVE && config.approval().autoExecute();
        // a request's decisions are written to the store: a late reply could not truly say "nothing changed"; they
        // end by the connection limits instead, as an execution ends by its own
        Reply late = parsed.target() == null ? null : late(parsed);
        String lane = parsed.target() != null ? parsed.target().name()
                : executes ? "hotfix executions" : parsed.verb() == Verb.HEALTH ? "health" : "hotfix requests";
        return runs.submit(lanes.of(lane), new SharedRuns.Job(parsed.sharedKey(), () -> run(parsed), late), delivery);
    }

    /** Parses and checks a command without touching any database: fast enough for Slack's 3-second ack. */
    public Parsed parse(Invocation inv) {
        return parser.parse(inv);
    }

    /** Parses and runs a command to the end, within its deadline (the console's path). */
    public Reply handle(Invocation inv) {
        Parsed parsed = parse(inv);
        if (!parsed.needsWork()) {
            return parsed.immediate();
        }
        CompletableFuture<Reply> answer = new CompletableFuture<>();
        try {
            submit(parsed, Delivery.of(answer::complete));
            return answer.get();
        } catch (RejectedExecutionException e) {
            return busy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.ephemeral(parsed.verb().word() + " " + parsed.subject() + " interrupted")
                    .section("Stopped waiting; it only read, so nothing changed.").build();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a delivery cannot fail", e);
        }
    }

    /** What a command hears when too many commands already wait. */
    public static Reply busy() {
        return Reply.ephemeral("schemabot is busy")
                .section("Too many commands are queued; try again in a minute.").build();
    }

    private Reply late(Parsed parsed) {
        String name = parsed.subject();
        return Reply.ephemeral(name + " did not answer within " + Durations.human(config.commands().deadline())
                        + "; nothing changed")
                .section("schemabot stopped waiting and closed its connections to " + name + ". `"
                        + config.slack().command() + " status " + name + "` shows whether it answers again.")
                .build();
    }

    @Override
    public void close() {
        lanes.close();
        deadlines.shutdownNow();
        lateWork.shutdownNow();
    }

    /** Does the database work of a parsed command; errors become replies, never exceptions. */
    public Reply run(Parsed parsed) {
        String name = parsed.subject();
        try {
            return switch (parsed.verb()) {
                case STATUS -> Replies.status(name, ops.status(parsed.target()));
                case DIFF -> Replies.diff(name, ops.drift(parsed.target()), config.slack().command());
                case PREFLIGHT -> Replies.preflight(name, ops.preflight(parsed.target()));
                case HOTFIX -> requests == null ? Replies.hotfix(name, ops.hotfix(parsed.target()),
                        parsed.target().ignoredGrantees())
                        : requests.propose(parsed);
                case APPROVE, REJECT, WITHDRAW, CANCEL, EXECUTE, REQUESTS, REPORT, AUDIT -> requests().run(parsed);
                case HEALTH -> health == null ? Reply.ephemeral("No health checks are configured")
                        .section("`health.checks` in the config lists what schemabot watches.").build()
                        : HealthReplies.states(health.states(), Instant.now());
                case HELP, TARGETS -> parser.usage(null);
            };
        } catch (UserError e) {
            return Reply.ephemeral(parsed.verb().word() + " " + name + " failed").section(e.getMessage()).build();
        } catch (RuntimeException e) {
            String ref = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("{} {} failed (ref {})", parsed.verb().word(), name, ref, e);
            return Reply.ephemeral(parsed.verb().word() + " " + name + " failed unexpectedly")
                    .section("schemabot hit an unexpected error; the details are in its log under ref `" + ref + "`.")
                    .build();
        }
    }

    /** A button: the same verbs as text, on the request id the button carries. */
    public Reply handle(Action action) {
        Optional<Verb> verb = Verb.parse(action.verb());
        if (requests == null || verb.isEmpty() || !verb.get().takesRequestId() || action.requestId() == null
                || !HotfixRequest.isId(action.requestId()) || !requests.knows(action.requestId())) {
            return Reply.ephemeral("That button is no longer active")
                    .section("schemabot knows no request `" + CommandParser.clip(action.requestId())
                            + "`; it may have expired. Run the command again.").build();
        }
        Invocation inv = new Invocation(action.userId(), action.channelId(), verb.get().word() + " " + action.requestId());
        Optional<Reply> refusal = parser.channelRefusal(inv, verb.get());
        return refusal.orElseGet(() -> run(new Parsed(inv, verb.get(), null, action.requestId(), null, false, null)));
    }

    private RequestCommands requests() {
        if (requests == null) {
            throw new UserError("hotfix requests live in schemabot's store: run them through `schemabot serve` or"
                    + " `schemabot demo`");
        }
        return requests;
    }
}
