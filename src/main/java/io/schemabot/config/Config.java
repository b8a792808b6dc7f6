package io.schemabot.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** schemabot's configuration, validated: see {@link ConfigLoader}. Secrets never appear in toString(). */
public record Config(Slack slack, Map<String, Target> targets, Approval approval, Server server, Store store,
                     Planning planning, Commands commands, Execute execute) {

    public Config {
        targets = Map.copyOf(targets);
    }

    /** A configuration whose plan and command settings are the defaults. */
    public Config(Slack slack, Map<String, Target> targets, Approval approval, Server server, Store store) {
        this(slack, targets, approval, server, store, Planning.defaults(), Commands.defaults());
    }

    public Config(Slack slack, Map<String, Target> targets, Approval approval, Server server, Store store,
                  Planning planning) {
        this(slack, targets, approval, server, store, planning, Commands.defaults());
    }

    public Config(Slack slack, Map<String, Target> targets, Approval approval, Server server, Store store,
                  Planning planning, Commands commands) {
        this(slack, targets, approval, server, store, planning, commands, Execute.defaults());
    }

    /**
     * How an approved hotfix runs: the SET LOCAL lock and statement timeouts its plan is made with (they are part
     * of what is approved), and how often a run that met a busy table is tried again.
     */
    public record Execute(Duration lockTimeout, Duration statementTimeout, int retries) {
        public static Execute defaults() {
            return new Execute(Duration.ofSeconds(5), Duration.ofMinutes(15), 3);
        }
    }

    /**
     * How chat commands run: each within {@code deadline} (then the asker hears that the target did not answer,
     * and its connections are closed), at most {@code perTarget} at once against one target, so that a target
     * that hangs holds its own workers and no one else's. A command still working after {@code progressEvery}
     * shows its phase in place of its "Checking…" message, at most that often and three times.
     */
    public record Commands(java.time.Duration deadline, int perTarget, java.time.Duration progressEvery) {
        public static Commands defaults() {
            return new Commands(java.time.Duration.ofMinutes(5), 2, java.time.Duration.ofSeconds(5));
        }
    }

    /** The Slack app: how to verify requests, how to call the Web API, where the ops channel is. */
    public record Slack(String signingSecret, String botToken, String apiUrl, String channel, String command,
                        boolean allowDirectMessages) {
        @Override
        public String toString() {
            return "Slack[apiUrl=" + apiUrl + ", channel=" + channel + ", command=" + command + "]";
        }
    }

    /**
     * A database schemabot watches, with its migrations and, optionally, where its shadow databases go, Flyway's
     * baselineVersion (what a database without Flyway history is expected to look like) and {@code executeUrl}: a
     * role allowed to change the schema, used only to execute approved hotfixes (the read-only commands keep
     * {@code url}).
     */
    public record Target(String name, String url, String migrations, String shadowUrl, String historyTable,
                         String baselineVersion, String executeUrl) {
        public Target(String name, String url, String migrations, String shadowUrl, String historyTable) {
            this(name, url, migrations, shadowUrl, historyTable, null, null);
        }

        public Target(String name, String url, String migrations, String shadowUrl, String historyTable,
                      String baselineVersion) {
            this(name, url, migrations, shadowUrl, historyTable, baselineVersion, null);
        }

        /** Where approved hotfixes run: executeUrl, else url. */
        public String urlForExecution() {
            return executeUrl != null ? executeUrl : url;
        }

        @Override
        public String toString() {
            return "Target[" + name + "]";
        }
    }

    /** Who may approve a hotfix (user ids U..., user group ids S...), how many, and for how long a request lives. */
    public record Approval(List<String> approvers, int required, Duration ttl, boolean autoExecute) {
        public Approval {
            approvers = List.copyOf(approvers);
        }

        public Approval(List<String> approvers, int required, Duration ttl) {
            this(approvers, required, ttl, false);
        }
    }

    public record Server(int port) {
    }

    /** The bot's own database; null url means an embedded PostgreSQL under ./data. */
    public record Store(String url) {
        @Override
        public String toString() {
            return "Store[" + (url == null ? "embedded" : "configured") + "]";
        }
    }

    /**
     * How chat plans a hotfix: the plan's SET LOCAL lock and statement timeouts, and how long each read-only
     * data check may run on the target (the command line takes the same from flags).
     */
    public record Planning(Duration lockTimeout, Duration statementTimeout, Duration checkTimeout) {
        public static Planning defaults() {
            return new Planning(Duration.ofSeconds(5), Duration.ofMinutes(15), Duration.ofMinutes(2));
        }
    }
}
