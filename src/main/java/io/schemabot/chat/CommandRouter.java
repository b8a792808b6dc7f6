package io.schemabot.chat;

import io.schemabot.Durations;
import io.schemabot.UserError;
import io.schemabot.config.Config;
import io.schemabot.db.DatabaseUrl;
import io.schemabot.ops.Ops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
    private final TargetLanes lanes;
    private final ScheduledExecutorService deadlines;
    private final ExecutorService lateWork;
    private final SharedRuns runs;

    public CommandRouter(Config config, Ops ops) {
        this.config = config;
        this.ops = ops;
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
    }

    /** A parsed command: verb and target, or the reply that ends it at once (usage, refusal, help). */
    public record Parsed(Verb verb, Config.Target target, Reply immediate) {
        public boolean needsWork() {
            return immediate == null;
        }

        /** The key under which identical commands still waiting for a worker share one run; null: never shared. */
        public String sharedKey() {
            return needsWork() && verb.shareable() ? verb.word() + " " + target.name() : null;
        }
    }

    /** Parses and checks a command without touching any database: fast enough for Slack's 3-second ack. */
    public Parsed parse(Invocation inv) {
        String[] words = inv.text() == null || inv.text().isBlank() ? new String[0] : inv.text().strip().split("\\s+");
        Optional<Verb> word = words.length == 0 ? Optional.of(Verb.HELP) : Verb.parse(words[0]);
        if (word.isEmpty()) {
            return done(usage("unknown command '" + clip(words[0]) + "'"));
        }
        Verb verb = word.get();
        Optional<Reply> refusal = channelRefusal(inv, verb);
        if (refusal.isPresent()) {
            return done(refusal.get());
        }
        if (verb == Verb.HELP) {
            return done(usage(null));
        }
        if (verb == Verb.TARGETS) {
            return words.length > 1 ? done(usage("'targets' takes no argument")) : done(targets());
        }
        if (words.length > 2) {
            return done(usage("unexpected '" + clip(words[2]) + "' after the target"));
        }
        Config.Target target;
        if (words.length == 2) {
            target = config.targets().get(words[1].toLowerCase(Locale.ROOT));
            if (target == null) {
                return done(usage("target '" + clip(words[1]) + "' is not configured; known targets: " + knownTargets()));
            }
        } else if (config.targets().size() == 1) {
            target = config.targets().values().iterator().next();
        } else {
            return done(usage("which target? known targets: " + knownTargets()));
        }
        return new Parsed(verb, target, null);
    }

    /**
     * Queues a parsed command on its target's workers (Slack's path); its answer, or by the deadline the news
     * that the target did not answer, goes to {@code deliver}. Returns true when it joined an identical command
     * still waiting.
     *
     * @throws RejectedExecutionException when too many commands wait for that target; nothing was queued
     */
    public boolean submit(Parsed parsed, Delivery delivery) {
        return runs.submit(lanes.of(parsed.target().name()),
                new SharedRuns.Job(parsed.sharedKey(), () -> run(parsed), late(parsed)), delivery);
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
            return Reply.ephemeral(parsed.verb().word() + " " + parsed.target().name() + " interrupted")
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
        String name = parsed.target().name();
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
        String name = parsed.target().name();
        try {
            return switch (parsed.verb()) {
                case STATUS -> Replies.status(name, ops.status(parsed.target()));
                case DIFF -> Replies.diff(name, ops.drift(parsed.target()), config.slack().command());
                case PREFLIGHT -> Replies.preflight(name, ops.preflight(parsed.target()));
                case HOTFIX -> Replies.hotfix(name, ops.hotfix(parsed.target()));
                case HELP, TARGETS -> usage(null);
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

    /** Buttons: approval requests arrive with the approval flow; until then no request id is known. */
    public Reply handle(Action action) {
        return Reply.ephemeral("That button is no longer active")
                .section("schemabot knows no request `" + clip(action.requestId()) + "`; it may have expired. Run the command again.")
                .build();
    }

    private Optional<Reply> channelRefusal(Invocation inv, Verb verb) {
        String channel = config.slack().channel();
        if (channel == null || channel.equals(inv.channelId())) {
            return Optional.empty();
        }
        boolean directMessage = inv.channelId() != null && inv.channelId().startsWith("D");
        if (directMessage && config.slack().allowDirectMessages() && verb.readsOnly()) {
            return Optional.empty();
        }
        return Optional.of(Reply.ephemeral("Not here, sorry")
                .section("schemabot takes commands in <#" + channel + ">" + (config.slack().allowDirectMessages()
                        ? " (read-only ones also in a direct message)" : "") + ", where the team can see them.")
                .build());
    }

    private Reply targets() {
        Reply.Builder r = Reply.ephemeral("Targets");
        if (config.targets().isEmpty()) {
            return r.section("No targets are configured (targets.<name>.url in schemabot.yaml).").build();
        }
        StringBuilder lines = new StringBuilder();
        config.targets().values().stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(t -> {
            String where;
            try {
                where = DatabaseUrl.parse(t.url()).describe();
            } catch (IllegalArgumentException e) {
                where = "?";
            }
            lines.append("• *").append(t.name()).append("*: ").append(where).append(" · migrations ")
                    .append(t.migrations() == null ? "none" : "`" + t.migrations() + "`").append('\n');
        });
        return r.section(lines.toString().strip()).build();
    }

    private Reply usage(String problem) {
        String cmd = config.slack().command();
        Reply.Builder r = Reply.ephemeral(problem == null ? "schemabot" : problem);
        return r.section("usage: `" + cmd + " <command> [target]`\n"
                + "• `status [target]` Flyway history: applied, pending, failed, checksum problems\n"
                + "• `diff [target]` the live schema against what its migrations say\n"
                + "• `preflight [target]` pending migrations applied to a schema-only clone\n"
                + "• `hotfix [target]` the SQL that repairs the drift, with hazards and data checks\n"
                + "• `targets` configured targets\n"
                + "• `help` this text").context("targets: " + knownTargets()).build();
    }

    private String knownTargets() {
        List<String> names = config.targets().keySet().stream().sorted().toList();
        return names.isEmpty() ? "none configured" : String.join(", ", names);
    }

    private static Parsed done(Reply reply) {
        return new Parsed(null, null, reply);
    }

    /** Echoes user input short and without markup, so a reply cannot be made to ping or format. */
    private static String clip(String word) {
        if (word == null) {
            return "";
        }
        String s = word.replaceAll("[<>@`*_~]", "");
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
