package io.schemabot.execute;

import io.schemabot.db.Connections;
import io.schemabot.db.DatabaseUrl;
import io.schemabot.plan.DataCheck;
import io.schemabot.plan.DataChecks;
import io.schemabot.plan.Plan;
import io.schemabot.plan.Step;
import io.schemabot.schema.LiveSchema;
import io.schemabot.schema.SnapshotOptions;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs an approved plan against its target exactly once: under the target's advisory lock, only if production is
 * still the schema (and Flyway history) the plan was made from and its data checks still pass; in one
 * transaction, retried with backoff while another session holds a table it needs; committed only when row counts
 * and converted values are proven unchanged.
 */
public final class Executor {
    /** How long a run waits for the target's lock before it says another run holds it. */
    private static final Duration LOCK_WAIT = Duration.ofSeconds(10);
    private final ExecuteSettings settings;
    private final Pause pause;
    private final SnapshotOptions options;
    /** A second reading of drift when fingerprints differ; null to trust fingerprints alone. */
    private final Supplier<Optional<String>> driftReport;

    public Executor(ExecuteSettings settings, Pause pause) {
        this(settings, pause, SnapshotOptions.defaults(), null);
    }

    private Executor(ExecuteSettings settings, Pause pause, SnapshotOptions options,
                     Supplier<Optional<String>> driftReport) {
        this.settings = settings;
        this.pause = pause;
        this.options = options;
        this.driftReport = driftReport;
    }

    /**
     * The same executor, reading the target's schema as its plans were read (with the target's own Flyway history
     * table left out): otherwise every plan of such a target would look stale.
     */
    public Executor reading(SnapshotOptions snapshotOptions) {
        return new Executor(settings, pause, snapshotOptions, driftReport);
    }

    /**
     * The same executor, asking {@code report} (the drift left, as the target's drift report finds it; empty for
     * none) when production's fingerprint after a run is not the plan's target. A definition created from its
     * printed text may print back otherwise (on another server, or even on the same one), so a correct repair can
     * end with other text; the report compares definitions as one server prints them and tells that from a change.
     */
    public Executor comparingWith(Supplier<Optional<String>> report) {
        return new Executor(settings, pause, options, report);
    }

    /**
     * Runs {@code judgement} holding the target's lock, so that no run can start or end while a request left
     * EXECUTING is judged; false (and nothing run) when a run holds the lock now, in this process or any other.
     */
    public static boolean unlessRunning(DatabaseUrl target, Runnable judgement) {
        try {
            Optional<AdvisoryLock> taken = AdvisoryLock.tryTake(target);
            if (taken.isEmpty()) {
                return false;
            }
            try (AdvisoryLock lock = taken.get()) {
                judgement.run();
            }
            return true;
        } catch (SQLException e) {
            throw Connections.explain(target, e);
        }
    }

    /**
     * Runs {@code plan} on {@code target}. The Flyway history is compared only when both {@code expectedFlywayHistory}
     * and {@code flywayHistoryNow} are given; the supplier is called inside the lock. Errors of the target
     * (unreachable, refused) are {@link io.schemabot.UserError}s; everything else is in the {@link Execution}.
     */
    public Execution run(DatabaseUrl target, Plan plan, String expectedFlywayHistory, Supplier<String> flywayHistoryNow,
                         Listener listener) {
        long started = System.nanoTime();
        if (plan.isBlocked()) {
            return finish(listener, Execution.refused(Execution.Outcome.FAILED, "the plan has BLOCKING steps, which"
                    + " PostgreSQL cannot make safely: it is never executed; nothing was run"));
        }
        Optional<AdvisoryLock> taken;
        try {
            // a sweep judging a stuck request holds the lock for a moment: wait that out, not a whole run
            taken = AdvisoryLock.take(target, LOCK_WAIT);
        } catch (SQLException e) {
            throw Connections.explain(target, e);
        }
        if (taken.isEmpty()) {
            return finish(listener, Execution.refused(Execution.Outcome.FAILED, "already executing on "
                    + target.describe() + "; nothing else was run"));
        }
        try (AdvisoryLock lock = taken.get()) {
            if (!listener.stillWanted()) {
                return finish(listener, Execution.refused(Execution.Outcome.FAILED, "the request was settled while this"
                        + " run waited for the target's lock; nothing was run"));
            }
            Execution refusal = refusal(target, plan, expectedFlywayHistory, flywayHistoryNow);
            if (refusal != null) {
                return finish(listener, refusal);
            }
            return finish(listener, attempts(target, plan, lock, listener, started));
        } catch (SQLException e) {
            throw Connections.explain(target, e);
        }
    }

    /** Why the plan must not run now (production moved, or a data check fails), or null. */
    private Execution refusal(DatabaseUrl target, Plan plan, String expectedHistory, Supplier<String> historyNow)
            throws SQLException {
        String now = fingerprint(target);
        if (!now.equals(plan.baseFingerprint())) {
            return Execution.refused(Execution.Outcome.STALE, "production's schema moved since the plan was made"
                    + " (fingerprint " + shortened(now) + ", the plan was made from " + shortened(plan.baseFingerprint())
                    + "); nothing was run; propose again");
        }
        if (expectedHistory != null && historyNow != null && !expectedHistory.equals(historyNow.get())) {
            return Execution.refused(Execution.Outcome.STALE, "production's Flyway history moved since the plan was"
                    + " made; nothing was run; propose again");
        }
        // a check that cannot run because it names a type the plan itself creates refuses nothing: the step it
        // guards fails in the transaction, which rolls back, if a value does not fit; any other failure to run
        // (a timeout, a lock, a permission) refuses
        for (DataCheck check : checks(target, plan)) {
            if (check.sql() != null && !check.passed() && !check.waitsForThePlan()) {
                return Execution.refused(Execution.Outcome.FAILED, "data check now fails: " + check.description()
                        + ": " + check.outcome() + "; nothing was run");
            }
        }
        return null;
    }

    /** The plan's checks again, read-only; they neither queue long behind another session's lock nor run forever. */
    private List<DataCheck> checks(DatabaseUrl target, Plan plan) throws SQLException {
        try (Connection conn = Connections.open(target, settings.statementTimeout());
             Statement st = conn.createStatement()) {
            st.execute("SET lock_timeout = " + settings.lockTimeout().toMillis());
            return DataChecks.run(conn, plan.checks(), settings.statementTimeout());
        }
    }

    private Execution attempts(DatabaseUrl target, Plan plan, AdvisoryLock lock, Listener listener, long started)
            throws SQLException {
        List<String> tables = Figures.of(plan).tables();
        PlanTransaction transaction = new PlanTransaction(target, plan);
        List<Attempt> attempts = new ArrayList<>();
        List<Blocker> blockers = List.of();
        for (int number = 1; number <= settings.retries() + 1; number++) {
            listener.attemptStarted(number);
            long attemptStarted = System.nanoTime();
            PlanTransaction.Result result = transaction.run();
            Duration took = Duration.ofNanos(System.nanoTime() - attemptStarted);
            if (result instanceof PlanTransaction.LockTimedOut timedOut) {
                blockers = Blockers.on(lock.connection(), tables, timedOut.pid());
                attempts.add(new Attempt(number, true, blockers, took));
                listener.lockTimedOut(number, blockers);
                if (number <= settings.retries() && !waited(number, listener)) {
                    return new Execution(Execution.Outcome.FAILED, "interrupted while waiting to retry; nothing"
                            + " changed", null, attempts, null);
                }
                continue;
            }
            attempts.add(new Attempt(number, false, List.of(), took));
            if (result instanceof PlanTransaction.Committed committed) {
                List<Proof.Validation> validations = new AfterCommit(target, plan, settings.retries(),
                        n -> waited(n, null)).run(started);
                return succeeded(target, plan, committed.proof().withValidations(validations), attempts, started);
            }
            PlanTransaction.Failed failed = (PlanTransaction.Failed) result;
            String outcome = failed.atCommit() ? afterLostCommit(target, plan) : "rolled back, nothing changed";
            return new Execution(Execution.Outcome.FAILED, failed.reason() + "; " + outcome, failed.step(), attempts,
                    failed.proof() == null ? null : failed.proof().finished(since(started), "not checked: rolled back",
                    Duration.ZERO));
        }
        return new Execution(Execution.Outcome.FAILED, "table busy, nothing changed"
                + (blockers.isEmpty() ? "" : "; held by " + String.join("; ", blockers.stream()
                .map(Blocker::describe).toList())), null, attempts, null);
    }

    /** Backoff doubling from the base with each try, plus jitter so that waiting runs do not collide again. */
    private boolean waited(int number, Listener listener) {
        long base = settings.backoff().toMillis() << (number - 1);
        Duration wait = Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(settings.backoff().toMillis() + 1));
        if (listener != null) {
            listener.retrying(number + 1, wait); // a retry of the transaction; a validation's is the proof's to tell
        }
        try {
            pause.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Execution succeeded(DatabaseUrl target, Plan plan, Proof proof, List<Attempt> attempts, long started) {
        long reading = System.nanoTime();
        String drift;
        try {
            String now = fingerprint(target);
            drift = now.equals(plan.targetFingerprint()) ? Proof.NO_DRIFT : driftBeyondPrinting().orElse(
                    "differs from the plan's target (fingerprint " + shortened(now) + ", expected "
                            + shortened(plan.targetFingerprint()) + ")");
        } catch (RuntimeException e) {
            // committed and proven inside the transaction: an unreadable schema afterwards is said, not thrown
            drift = "not read: " + e.getMessage();
        }
        Duration driftCheck = since(reading);
        Proof finished = proof.finished(since(started), drift, driftCheck);
        String executed = "executed in " + attempts.size() + (attempts.size() == 1 ? " attempt" : " attempts")
                + "; rows and converted values unchanged";
        Optional<Proof.Validation> unvalidated = finished.validations().stream().filter(v -> !v.passed()).findFirst();
        if (unvalidated.isPresent()) {
            // committed and proven, but a key is left NOT VALID: it checks new rows, yet the schema is not the
            // promised one until someone removes the offending rows and validates it
            Proof.Validation v = unvalidated.get();
            String sql = plan.afterCommit().stream().filter(s -> s.title().equals(v.title())).map(Step::sql)
                    .findFirst().orElse("");
            return new Execution(Execution.Outcome.FAILED, executed + " and COMMITTED; but after COMMIT "
                    + v.title() + " failed: " + v.failure() + "; it stays NOT VALID (new rows are checked); a person"
                    + " must find the rows that break it (or wait for the lock), then run `" + sql + "`; drift: "
                    + drift, null, attempts, finished);
        }
        return new Execution(Execution.Outcome.SUCCEEDED, executed + "; drift: " + drift, null, attempts, finished);
    }

    /** What the drift report finds when fingerprints differ: none, or what differs; empty without a report. */
    private Optional<String> driftBeyondPrinting() {
        if (driftReport == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(driftReport.get().map(d -> "differs from the plan's target: " + d).orElse(Proof.NO_DRIFT));
        } catch (RuntimeException e) {
            return Optional.empty(); // the fingerprints' answer stands
        }
    }

    /** The connection broke during COMMIT: only production's schema now says whether it happened. */
    private String afterLostCommit(DatabaseUrl target, Plan plan) {
        String now = fingerprint(target);
        if (now.equals(plan.baseFingerprint())) {
            return "production still has the schema the plan was made from: rolled back, nothing changed";
        }
        return now.equals(plan.targetFingerprint()) ? "production has the plan's target schema: it was committed"
                + " without proof of the result; check it" : "production's schema is neither the plan's base nor its"
                + " target; a person must look at it";
    }

    private String fingerprint(DatabaseUrl target) {
        return LiveSchema.read(target, options).fingerprint();
    }

    private static String shortened(String fingerprint) {
        return fingerprint.substring(0, Math.min(12, fingerprint.length()));
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }

    private static Execution finish(Listener listener, Execution execution) {
        if (execution.succeeded()) {
            listener.succeeded(execution);
        } else {
            listener.failed(execution);
        }
        return execution;
    }
}
