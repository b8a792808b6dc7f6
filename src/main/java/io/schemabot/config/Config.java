package io.schemabot.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** schemabot's configuration, validated: see {@link ConfigLoader}. Secrets never appear in toString(). */
public record Config(Slack slack, Map<String, Target> targets, Approval approval, Server server, Store store,
                     Planning planning, Commands commands, Execute execute, Health health) {

    public Config {
        targets = Map.copyOf(targets);
        health = health == null ? Health.defaults() : health;
    }

    /** A configuration without health checks. */
    public Config(Slack slack, Map<String, Target> targets, Approval approval, Server server, Store store,
                  Planning planning, Commands commands, Execute execute) {
        this(slack, targets, approval, server, store, planning, commands, execute, Health.defaults());
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
     * {@code url}). {@code ignoredGrantees} ({@code privileges.ignoreGrantees}) are roles whose grants the diff, the
     * plan and the fingerprint leave out: roles that exist on one side only and that migrations cannot create.
     */
    public record Target(String name, String url, String migrations, String shadowUrl, String historyTable,
                         String baselineVersion, String executeUrl, List<String> ignoredGrantees) {
        public Target {
            ignoredGrantees = ignoredGrantees == null ? List.of() : List.copyOf(ignoredGrantees);
        }

        public Target(String name, String url, String migrations, String shadowUrl, String historyTable,
                      String baselineVersion, String executeUrl) {
            this(name, url, migrations, shadowUrl, historyTable, baselineVersion, executeUrl, List.of());
        }

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

    /**
     * What the health monitor watches, and how often an alert that is still open is repeated in its thread
     * ({@code remindAfter}; zero means never).
     */
    public record Health(Duration remindAfter, List<HealthCheck> checks) {
        public Health {
            checks = List.copyOf(checks);
        }

        public static Health defaults() {
            return new Health(Duration.ofMinutes(30), List.of());
        }
    }

    /**
     * One health check: an HTTP endpoint ({@code url}) or a configured target ({@code target}: its database, its
     * migrations or its drift). An http check may name a target too: the one whose hotfixes it confirms.
     * {@code downAfter} failures in a row make it DOWN, {@code upAfter} successes UP again; {@code expectStatus}
     * null means any 2xx; {@code channel} is where its alerts go (the ops channel unless set); {@code pendingFor}
     * is how long a migration may stay pending before a migrations check fails.
     */
    public record HealthCheck(String name, CheckType type, String url, String target, Duration interval,
                              Duration timeout, int downAfter, int upAfter, Integer expectStatus,
                              Map<String, String> expectJson, String channel, Duration pendingFor) {
        public HealthCheck {
            // kept in the file's order: a failed expectation is reported in the order it was written
            expectJson = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(expectJson));
        }

        /** The same check, alerting in {@code channel}. */
        public HealthCheck withChannel(String channel) {
            return new HealthCheck(name, type, url, target, interval, timeout, downAfter, upAfter, expectStatus,
                    expectJson, channel, pendingFor);
        }

        /** A URL may carry a token: the name says enough. */
        @Override
        public String toString() {
            return "HealthCheck[" + name + ", " + type.key() + "]";
        }

        public enum CheckType {
            HTTP, DATABASE, MIGRATIONS, DRIFT;

            /** As the config file writes it. */
            public String key() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }
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
