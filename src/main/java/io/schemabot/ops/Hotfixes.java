package io.schemabot.ops;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schemabot.UserError;
import io.schemabot.approval.Decision;
import io.schemabot.approval.HotfixRequest;
import io.schemabot.approval.HotfixRequests;
import io.schemabot.approval.Proposal;
import io.schemabot.approval.State;
import io.schemabot.config.Config;
import io.schemabot.db.DatabaseUrl;
import io.schemabot.execute.Execution;
import io.schemabot.execute.Executor;
import io.schemabot.execute.Listener;
import io.schemabot.migrate.MigrationSource;
import io.schemabot.migrate.MigrationStatus;
import io.schemabot.plan.Plan;
import io.schemabot.plan.PlanJson;
import io.schemabot.schema.LiveSchema;
import io.schemabot.schema.SnapshotOptions;

import io.schemabot.plan.Step;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The hotfix request verbs on configured targets: propose a plan, decide on it (approve, reject, withdraw,
 * cancel) and execute it. The two-person rule lives in {@link HotfixRequests}; what this adds is production's
 * side: a request whose production moved since its plan was made is stale at approval time (and again, inside
 * the executor's lock, at execution time).
 */
public final class Hotfixes {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Hotfixes.class);
    private final Config config;
    private final Ops ops;
    private final HotfixRequests requests;
    private final Executor executor;

    /**
     * How long a request may sit EXECUTING with no run holding its target's lock before a sweep judges it. The
     * judgement holds the lock, so a run that takes it later finds its request settled and runs nothing; the grace
     * only spares a run about to start from being settled as "nothing changed" in its stead.
     */
    static final Duration CLAIM_GRACE = Duration.ofMinutes(1);

    public Hotfixes(Config config, Ops ops, HotfixRequests requests, Executor executor) {
        this.config = config;
        this.ops = ops;
        this.requests = requests;
        this.executor = executor;
    }

    /**
     * The requests kept in the store's {@code dataSource}, approved by {@code approval.approvers} (user groups read
     * through {@code slack}, which may be null where there are none), executed with the default limits.
     */
    public static Hotfixes over(Config config, Ops ops, javax.sql.DataSource store, java.time.Clock clock,
                                com.slack.api.methods.MethodsClient slack) {
        HotfixRequests requests = new HotfixRequests(store, clock, config.approval(), config.slack().channel(),
                new io.schemabot.approval.Approvers(config.approval().approvers(), slack));
        Config.Execute execute = config.execute();
        return new Hotfixes(config, ops, requests, new Executor(new io.schemabot.execute.ExecuteSettings(
                execute.lockTimeout(), execute.statementTimeout(), execute.retries(), Duration.ofSeconds(1)),
                io.schemabot.execute.Pause.REAL));
    }

    /** A request and the plan it was made for; no request when there is nothing to fix. */
    public record Proposed(HotfixRequest request, Plan plan) {
    }

    /** An execution's outcome, or the refusal that kept it from starting. */
    public record Executed(Decision refusal, HotfixRequest request, Execution execution) {
    }

    public Proposed propose(Config.Target target, String proposer, String channel, boolean allowDataLoss) {
        requests.expireDue();
        Plan plan = ops.hotfix(target, config.execute().lockTimeout(), config.execute().statementTimeout());
        if (plan.isEmpty()) {
            return new Proposed(null, plan);
        }
        HotfixRequest request = requests.propose(new Proposal(target.name(), proposer, channel, PlanJson.write(plan),
                plan.hash(), plan.baseFingerprint(), plan.targetFingerprint(), flywayHistory(target), allowDataLoss,
                plan.isBlocked(), plan.needsExplicitConsent()));
        return new Proposed(request, plan);
    }

    public Decision approve(String id, String user, String channel) {
        Optional<HotfixRequest> request = requests.find(id);
        if (request.isPresent() && request.get().state().awaitsDecision()) {
            Optional<String> moved = moved(request.get());
            if (moved.isPresent()) {
                Decision stale = requests.markStale(id, moved.get());
                return new Decision(false, moved.get() + "; the request is stale: propose it again with `"
                        + config.slack().command() + " hotfix " + request.get().target() + "`", stale.request());
            }
        }
        return requests.approve(id, user, channel, request.map(HotfixRequest::planHash).orElse(null));
    }

    public Decision reject(String id, String user, String channel, String reason) {
        return requests.reject(id, user, channel, reason);
    }

    public Decision withdraw(String id, String user, String channel) {
        return requests.withdraw(id, user, channel);
    }

    public Decision cancel(String id, String user, String channel) {
        return requests.cancel(id, user, channel);
    }

    /** The store's history, newest last: every request's events, or one request's. */
    public List<io.schemabot.approval.RequestEvent> events(int limit) {
        return requests.events(limit);
    }

    /** Where the request's message is in the channel, so any replica can update it and reply in its thread. */
    public void setMessageTs(String id, String ts) {
        requests.setMessageTs(id, ts);
    }

    /** The post-incident report of a request, in Markdown. */
    public String report(String id) {
        return IncidentReport.of(requests, id, "`requests` lists the open ones");
    }

    /** approval.autoExecute: the approval that completes the quorum executes the plan at once. */
    public boolean executesOnQuorum() {
        return config.approval().autoExecute();
    }

    public Optional<HotfixRequest> find(String id) {
        return requests.find(id);
    }

    public List<HotfixRequest> open() {
        requests.expireDue();
        return requests.open();
    }

    /**
     * Runs an approved request's plan, once: only the caller whose claim moved it to EXECUTING runs it; the
     * executor's advisory lock on the target keeps a second replica out as well.
     */
    public Executed execute(String id, String user, String channel) {
        return execute(id, user, channel, request -> { });
    }

    /** The same, telling {@code started} once this caller's claim won, before anything runs. */
    public Executed execute(String id, String user, String channel,
                            java.util.function.Consumer<HotfixRequest> started) {
        requests.expireDue();
        Decision claim = requests.claimForExecution(id, user, channel);
        if (!claim.accepted()) {
            return new Executed(claim, claim.request(), null);
        }
        HotfixRequest request = claim.request();
        try {
            started.accept(request);
        } catch (RuntimeException e) {
            // telling the channel is not worth an execution: the run goes on and its outcome is told as usual
            LOG.warn("could not tell that {} started executing: {}", id, e.getMessage());
        }
        Execution execution;
        try {
            Config.Target target = target(request);
            Plan plan = PlanJson.read(request.planJson());
            if (!plan.hash().equals(request.planHash())) {
                // the approvals are for request.planHash(): a stored plan that hashes otherwise is not what they saw
                throw new UserError("the stored plan of " + id + " is not the plan that was approved; nothing was run");
            }
            execution = executor.reading(snapshotOptions(target)).comparingWith(() -> driftLeft(target))
                    .run(DatabaseUrl.parse(target.urlForExecution()), plan,
                    request.flywayHistory(), () -> flywayHistory(target), new Recording(id, user));
        } catch (RuntimeException e) {
            // a failure before anything ran, or after a COMMIT whose figures were lost: production says which
            settleAfter(e, request, user);
            throw e;
        }
        return new Executed(null, requests.find(id).orElse(request), execution);
    }

    /**
     * Records the outcome while the run still holds the target's lock, so that no restart's judgement can come
     * between the run's end and its record; and tells the run not to start when a judgement already settled it.
     */
    private final class Recording implements Listener {
        private final String id;
        private final String user;

        Recording(String id, String user) {
            this.id = id;
            this.user = user;
        }

        @Override
        public boolean stillWanted() {
            return requests.find(id).map(r -> r.state() == State.EXECUTING).orElse(false);
        }

        @Override
        public void retrying(int next, Duration wait) {
            requests.retrying(id, detail("attempt", String.valueOf(next), "waitMs", String.valueOf(wait.toMillis())));
        }

        @Override
        public void succeeded(Execution execution) {
            requests.finish(id, State.SUCCEEDED, user, figures(execution));
        }

        @Override
        public void failed(Execution execution) {
            if (stillWanted()) {
                requests.finish(id, execution.outcome() == Execution.Outcome.STALE ? State.STALE : State.FAILED, user,
                        figures(execution));
            }
        }
    }

    /**
     * Resolves the requests a crash left EXECUTING (a process killed, a connection lost), by reading production
     * once nobody runs them any more: the schema the plan makes means it committed; the schema it was made from,
     * that it rolled back; anything else is for a person. A request is never run again on its own. Returns the
     * requests resolved, with what was found; one target that cannot be read does not hold up the others.
     */
    public List<String> resolveInterrupted() {
        List<String> resolved = new java.util.ArrayList<>();
        // a claim a moment old may be a run about to take the target's lock: left to the next sweep
        for (HotfixRequest request : requests.executingQuietFor(CLAIM_GRACE)) {
            try {
                Config.Target target = config.targets().get(request.target());
                if (target != null) {
                    Executor.unlessRunning(DatabaseUrl.parse(target.urlForExecution()), () -> judge(request,
                            "schemabot").ifPresent(found -> resolved.add(request.id() + ": " + found)));
                }
            } catch (RuntimeException e) {
                resolved.add(request.id() + ": not resolved yet (" + e.getMessage() + ")");
            }
        }
        return resolved;
    }

    /** A run stopped between COMMIT and its validations leaves keys NOT VALID: the likeliest "neither". */
    private static String afterCommitHint(HotfixRequest request) {
        List<Step> validations;
        try {
            validations = PlanJson.read(request.planJson()).afterCommit();
        } catch (IllegalArgumentException unreadable) {
            return "";
        }
        return validations.isEmpty() ? "" : "; if it stopped after COMMIT, its last " + validations.size()
                + " steps (VALIDATE CONSTRAINT, after COMMIT) may not have run: the report lists them";
    }

    /**
     * Judges a request whose run ended in an error, holding the target's lock; when production cannot be read at
     * all, the request fails with the error and says that nobody could confirm what production holds.
     */
    private void settleAfter(RuntimeException error, HotfixRequest request, String user) {
        try {
            Executor.unlessRunning(DatabaseUrl.parse(target(request).urlForExecution()), () -> {
                if (judge(request, user).isEmpty() && stillExecuting(request)) {
                    requests.finish(request.id(), State.FAILED, user, detail("message", error.getMessage()));
                }
            });
        } catch (RuntimeException unreachable) {
            if (stillExecuting(request)) {
                requests.finish(request.id(), State.FAILED, user, detail("message", error.getMessage()
                        + "; production could not be read to confirm what it holds: a person must look"));
            }
        }
    }

    private boolean stillExecuting(HotfixRequest request) {
        return requests.find(request.id()).map(r -> r.state() == State.EXECUTING).orElse(false);
    }

    /**
     * Settles an EXECUTING request from production's schema; empty when production cannot be read or the request
     * was settled meanwhile. Called only while holding the target's lock, so no run starts or ends meanwhile.
     */
    private Optional<String> judge(HotfixRequest request, String user) {
        Config.Target target = config.targets().get(request.target());
        if (target == null) {
            return Optional.empty();
        }
        String now;
        try {
            now = LiveSchema.read(DatabaseUrl.parse(target.url()), snapshotOptions(target)).fingerprint();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        String found;
        State outcome;
        if (now.equals(request.targetFingerprint())) {
            outcome = State.SUCCEEDED;
            found = "confirmed after restart: production has the schema the plan makes";
        } else if (now.equals(request.baseFingerprint())) {
            outcome = State.FAILED;
            found = "rolled back, nothing changed (found after restart)";
        } else {
            outcome = State.FAILED;
            found = "production matches neither the plan's start nor its end after a restart: a person must look"
                    + afterCommitHint(request);
        }
        if (!stillExecuting(request)) {
            return Optional.empty(); // settled meanwhile by its own run
        }
        requests.finish(request.id(), outcome, user, detail("message", found));
        return Optional.of(found);
    }

    /** The target's drift as its drift report finds it, in short; empty when there is none. */
    private Optional<String> driftLeft(Config.Target target) {
        List<io.schemabot.diff.Change> left = ops.drift(target).diff().changes();
        if (left.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(left.size() + (left.size() == 1 ? " change, " : " changes, first ") + left.get(0).describe());
    }

    private static SnapshotOptions snapshotOptions(Config.Target target) {
        return SnapshotOptions.defaults().withHistoryTable(target.historyTable())
                .withIgnoredGrantees(target.ignoredGrantees());
    }

    /** Why production no longer is what the request's plan was made from, if it moved. */
    private Optional<String> moved(HotfixRequest request) {
        Config.Target target = target(request);
        String now = LiveSchema.read(DatabaseUrl.parse(target.url()), snapshotOptions(target)).fingerprint();
        if (!now.equals(request.baseFingerprint())) {
            return Optional.of(target.name() + "'s schema changed since the plan was made");
        }
        if (!flywayHistory(target).equals(request.flywayHistory())) {
            return Optional.of(target.name() + "'s Flyway history changed since the plan was made");
        }
        return Optional.empty();
    }

    private Config.Target target(HotfixRequest request) {
        Config.Target target = config.targets().get(request.target());
        if (target == null) {
            throw new UserError("target '" + request.target() + "' of request " + request.id()
                    + " is no longer configured");
        }
        return target;
    }

    /** The applied migrations, as a request remembers them: version, script and whether it succeeded. */
    private static String flywayHistory(Config.Target target) {
        MigrationStatus status = StatusOp.of(DatabaseUrl.parse(target.url()),
                new MigrationSource(target.migrations(), target.historyTable()));
        return status.applied().stream().map(e -> e.version() + ":" + e.script() + ":" + e.success())
                .collect(Collectors.joining(","));
    }

    /** What the audit keeps of an execution: its message, attempts and lock waits, and its proof in figures. */
    private static String figures(Execution e) {
        ObjectNode node = JsonMapper.builder().build().createObjectNode().put("message", e.message());
        node.put("attempts", e.attempts().size());
        var waits = node.putArray("lockWaits");
        e.attempts().stream().filter(a -> a.lockTimedOut()).forEach(a -> waits.addObject().put("attempt", a.number())
                .put("blockers", String.join("; ", a.blockers().stream().map(b -> b.describe()).toList())));
        if (e.failedStep() != null) {
            node.putObject("failedStep").put("number", e.failedStep().number()).put("title", e.failedStep().title())
                    .put("sqlState", e.failedStep().sqlState());
        }
        if (e.proof() != null) {
            ObjectNode proof = node.putObject("proof");
            var tables = proof.putArray("tables");
            e.proof().tables().forEach(t -> tables.addObject().put("table", t.table()).put("before", t.before())
                    .put("after", t.after()));
            var columns = proof.putArray("columns");
            e.proof().columns().forEach(c -> columns.addObject().put("column", c.table() + "." + c.column())
                    .put("checksumsEqual", c.equal()));
            var validations = proof.putArray("validations");
            e.proof().validations().forEach(v -> validations.addObject().put("step", v.title())
                    .put("tookMs", v.took().toMillis()).put("finishedAfterMs", v.finishedAfter().toMillis())
                    .put("failure", v.failure()));
            proof.put("exclusiveLocksHeldMs", e.proof().exclusiveLocksHeld().toMillis())
                    .put("totalMs", e.proof().total().toMillis()).put("provingMs", e.proof().proving().toMillis())
                    .put("drift", e.proof().driftAfter());
        }
        return node.toString();
    }

    private static String detail(String... pairs) {
        ObjectNode node = JsonMapper.builder().build().createObjectNode();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            node.put(pairs[i], pairs[i + 1]);
        }
        return node.toString();
    }
}
