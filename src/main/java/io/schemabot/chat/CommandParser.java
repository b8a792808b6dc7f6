package io.schemabot.chat;

import io.schemabot.approval.HotfixRequest;
import io.schemabot.config.Config;
import io.schemabot.db.DatabaseUrl;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a command's words without touching any database, fast enough for Slack's 3-second ack: the verb, its
 * target or request id, and every reply that ends a command at once (usage, help, targets, refusals).
 */
final class CommandParser {
    private static final String ALLOW_DATA_LOSS = "--allow-data-loss";
    private final Config config;

    CommandParser(Config config) {
        this.config = config;
    }

    Parsed parse(Invocation inv) {
        String[] words = inv.text() == null || inv.text().isBlank() ? new String[0] : inv.text().strip().split("\\s+");
        Optional<Verb> word = words.length == 0 ? Optional.of(Verb.HELP) : Verb.parse(words[0]);
        if (word.isEmpty()) {
            return Parsed.done(usage("unknown command '" + clip(words[0]) + "'"));
        }
        Verb verb = word.get();
        Optional<Reply> refusal = channelRefusal(inv, verb);
        if (refusal.isPresent()) {
            return Parsed.done(refusal.get());
        }
        if (verb == Verb.HELP) {
            return Parsed.done(usage(null));
        }
        if (verb == Verb.AUDIT) {
            if (words.length > 2 || words.length == 2 && !words[1].matches("[1-9][0-9]{0,2}")) {
                return Parsed.done(usage("'audit' takes how many events to show, 1 to 999 (default 20)"));
            }
            return new Parsed(inv, verb, null, null, words.length == 2 ? words[1] : "20", false, null);
        }
        if (verb == Verb.TARGETS || verb == Verb.REQUESTS || verb == Verb.HEALTH) {
            return words.length > 1 ? Parsed.done(usage("'" + verb.word() + "' takes no argument"))
                    : verb == Verb.TARGETS ? Parsed.done(targets()) : new Parsed(inv, verb, null, null, null, false, null);
        }
        if (verb.takesRequestId()) {
            return requestVerb(inv, verb, words);
        }
        boolean allowDataLoss = verb == Verb.HOTFIX && Arrays.asList(words).contains(ALLOW_DATA_LOSS);
        List<String> rest = Arrays.stream(words).skip(1).filter(w -> !(allowDataLoss && w.equals(ALLOW_DATA_LOSS))).toList();
        if (rest.size() > 1) {
            return Parsed.done(usage("unexpected '" + clip(rest.get(1)) + "' after the target"));
        }
        Config.Target target;
        if (rest.size() == 1) {
            target = config.targets().get(rest.get(0).toLowerCase(Locale.ROOT));
            if (target == null) {
                return Parsed.done(usage("target '" + clip(rest.get(0)) + "' is not configured; known targets: "
                        + knownTargets()));
            }
        } else if (config.targets().size() == 1) {
            target = config.targets().values().iterator().next();
        } else {
            return Parsed.done(usage("which target? known targets: " + knownTargets()));
        }
        return new Parsed(inv, verb, target, null, null, allowDataLoss, null);
    }

    /** {@code approve <id>}, {@code reject <id> [reason]}, ...: ids are letters, digits, '-' and '_'. */
    private Parsed requestVerb(Invocation inv, Verb verb, String[] words) {
        if (words.length < 2 || !HotfixRequest.isId(words[1])) {
            return Parsed.done(usage("'" + verb.word() + "' takes a request id, e.g. `" + config.slack().command()
                    + " " + verb.word() + " hf-7k2m9q`; `" + config.slack().command() + " requests` lists them"));
        }
        if (words.length > 2 && verb != Verb.REJECT) {
            return Parsed.done(usage("unexpected '" + clip(words[2]) + "' after the request id"));
        }
        String reason = words.length > 2 ? String.join(" ", Arrays.copyOfRange(words, 2, words.length)) : null;
        return new Parsed(inv, verb, null, words[1], reason, false, null);
    }

    Optional<Reply> channelRefusal(Invocation inv, Verb verb) {
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

    Reply usage(String problem) {
        String cmd = config.slack().command();
        Reply.Builder r = Reply.ephemeral(problem == null ? "schemabot" : problem);
        return r.section("usage: `" + cmd + " <command> [target]`\n"
                + "• `status [target]` Flyway history: applied, pending, failed, checksum problems\n"
                + "• `diff [target]` the live schema against what its migrations say\n"
                + "• `preflight [target]` pending migrations applied to a schema-only clone\n"
                + "• `hotfix [target] [--allow-data-loss]` the SQL that repairs the drift, as a request two others approve\n"
                + "• `approve|reject|withdraw|cancel|execute <request id>` decide on a hotfix request, or run it\n"
                + "• `requests` open hotfix requests · `report <request id>` its incident report · `audit [n]` the last events\n"
                + "• `health` every health check: up or down, since when, its last result\n"
                + "• `targets` configured targets\n"
                + "• `help` this text").context("targets: " + knownTargets()).build();
    }

    private String knownTargets() {
        List<String> names = config.targets().keySet().stream().sorted().toList();
        return names.isEmpty() ? "none configured" : String.join(", ", names);
    }

    /** Echoes user input short and without markup, so a reply cannot be made to ping or format. */
    static String clip(String word) {
        if (word == null) {
            return "";
        }
        String s = word.replaceAll("[<>@`*_~]", "");
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
