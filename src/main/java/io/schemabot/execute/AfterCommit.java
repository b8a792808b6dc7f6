package io.schemabot.execute;

import io.schemabot.db.Connections;
import io.schemabot.db.DatabaseUrl;
import io.schemabot.plan.Plan;
import io.schemabot.plan.Step;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan's steps after COMMIT (VALIDATE CONSTRAINT of the keys its transaction added NOT VALID), each on its own
 * under the plan's lock and statement timeouts. Their lock lets reads and writes go on but queues behind other
 * sessions' DDL: a lock timeout is tried again, as the transaction is, and then reported, not hidden.
 */
final class AfterCommit {
    /** Waits before try {@code number + 1}; false when interrupted. */
    interface Backoff {
        boolean waited(int number);
    }

    private final DatabaseUrl target;
    private final Plan plan;
    private final int retries;
    private final Backoff backoff;

    AfterCommit(DatabaseUrl target, Plan plan, int retries, Backoff backoff) {
        this.target = target;
        this.plan = plan;
        this.retries = retries;
        this.backoff = backoff;
    }

    /** Each step's outcome; after the first failure the rest are not tried (they are reported as not run). */
    List<Proof.Validation> run(long runStarted) {
        List<Proof.Validation> done = new ArrayList<>();
        String stopped = null;
        try (Connection conn = Connections.openForScripts(PlanTransaction.connectionFor(target,
                plan.options().statementTimeout())); Statement st = conn.createStatement()) {
            for (Plan.Setting s : plan.afterCommitSettings()) {
                st.execute(s.sessionSql());
            }
            for (Step step : plan.afterCommit()) {
                if (stopped != null) {
                    done.add(new Proof.Validation(step.title(), Duration.ZERO, since(runStarted), "not run: " + stopped));
                    continue;
                }
                Proof.Validation v = runOne(st, step, runStarted);
                done.add(v);
                if (!v.passed()) {
                    stopped = "an earlier validation failed";
                }
            }
        } catch (SQLException e) {
            notRun(done, PlanTransaction.describe(e), runStarted);
        } catch (RuntimeException e) {
            // production could not be reached after COMMIT: the run's proof stands, the keys wait for a person
            notRun(done, e.getMessage(), runStarted);
        }
        return done;
    }

    /** The connection itself failed: what is left stays NOT VALID, and says so. */
    private void notRun(List<Proof.Validation> done, String why, long runStarted) {
        for (Step step : plan.afterCommit().subList(done.size(), plan.afterCommit().size())) {
            done.add(new Proof.Validation(step.title(), Duration.ZERO, since(runStarted), why));
        }
    }

    private Proof.Validation runOne(Statement st, Step step, long runStarted) throws SQLException {
        long started = System.nanoTime();
        for (int number = 1; ; number++) {
            try {
                st.execute(step.sql());
                return new Proof.Validation(step.title(), since(started), since(runStarted), null);
            } catch (SQLException e) {
                boolean busy = PlanTransaction.LOCK_NOT_AVAILABLE.equals(e.getSQLState());
                if (!busy || number > retries || !backoff.waited(number)) {
                    return new Proof.Validation(step.title(), since(started), since(runStarted),
                            (busy ? "table busy: " : "") + PlanTransaction.describe(e));
                }
            }
        }
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }
}
