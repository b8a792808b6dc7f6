package io.schemabot.execute;

import io.schemabot.db.ConnectionDefaults;
import io.schemabot.db.Connections;
import io.schemabot.db.DatabaseUrl;
import io.schemabot.plan.Hazard;
import io.schemabot.plan.Plan;
import io.schemabot.plan.Step;
import io.schemabot.secret.Redactor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One try at a plan: its own connection and one transaction, the approved settings, the figures before the first
 * step, each step, the figures after the last; COMMIT only when they agree, else everything rolls back.
 */
final class PlanTransaction {
    /** The lock timeout: another session holds a lock the plan needs. */
    static final String LOCK_NOT_AVAILABLE = "55P03";

    sealed interface Result permits Committed, LockTimedOut, Failed {
    }

    record Committed(Proof proof) implements Result {
    }

    /** Rolled back; {@code pid} is this transaction's session, which is not a blocker of itself. */
    record LockTimedOut(int pid) implements Result {
    }

    /** Rolled back (unless {@code atCommit}: then the server may or may not have committed). */
    record Failed(String reason, Execution.FailedStep step, Proof proof, boolean atCommit) implements Result {
    }

    private final DatabaseUrl target;
    private final Plan plan;

    PlanTransaction(DatabaseUrl target, Plan plan) {
        this.target = target;
        this.plan = plan;
    }

    Result run() throws SQLException {
        try (Connection conn = Connections.openForScripts(connectionFor(target, plan.options().statementTimeout()))) {
            conn.setAutoCommit(false);
            int pid = pid(conn);
            Figures figures = Figures.of(plan);
            String phase = "counting rows before the first step";
            Execution.FailedStep failing = null;
            long lockedSince = 0;
            try (Statement st = conn.createStatement()) {
                for (Plan.Setting setting : plan.settings()) {
                    st.execute(setting.sql());
                }
                figures.beforeFirstStep(st);
                List<Step> steps = plan.inTransaction();
                for (int i = 0; i < steps.size(); i++) {
                    Step step = steps.get(i);
                    phase = "counting rows before step " + (i + 1);
                    failing = null; // a failure here is the proof's, not the step before's
                    figures.beforeStep(st, i);
                    phase = "step " + (i + 1) + " (" + step.title() + ")";
                    failing = new Execution.FailedStep(i + 1, step.title(), null);
                    if (lockedSince == 0 && step.locks().stream()
                            .anyMatch(l -> l.mode() == Hazard.Kind.ACCESS_EXCLUSIVE_LOCK)) {
                        lockedSince = System.nanoTime();
                    }
                    st.execute(step.sql());
                }
                phase = "counting rows after the last step";
                failing = null;
                Proof proof = figures.after(st);
                if (proof.mismatch() != null) {
                    conn.rollback();
                    return new Failed("proof failed: " + proof.mismatch(), null, proof.withLocksHeld(since(lockedSince)),
                            false);
                }
                phase = "COMMIT";
                try {
                    conn.commit();
                } catch (SQLException e) {
                    return new Failed("COMMIT failed: " + describe(e), null, null, true);
                }
                return new Committed(proof.withLocksHeld(since(lockedSince)));
            } catch (SQLException e) {
                rollbackQuietly(conn);
                if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    return new LockTimedOut(pid);
                }
                Execution.FailedStep step = failing == null ? null
                        : new Execution.FailedStep(failing.number(), failing.title(), e.getSQLState());
                return new Failed(phase + " failed: " + describe(e), step, null, false);
            }
        }
    }

    /**
     * The target in script mode (a BEGIN ATOMIC body reaches the server whole) with a socket that outlasts the
     * plan's own statement timeout, so the server's clear error comes first; named in pg_stat_activity.
     */
    static DatabaseUrl connectionFor(DatabaseUrl target, Duration statementTimeout) {
        Map<String, String> params = new HashMap<>(target.parameters());
        params.putIfAbsent("ApplicationName", "schemabot execute");
        params = ConnectionDefaults.apply(params, statementTimeout);
        return new DatabaseUrl(target.host(), target.port(), target.database(), target.user(), target.password(),
                params);
    }

    private static Duration since(long nanoTime) {
        return nanoTime == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - nanoTime);
    }

    private static int pid(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** "SQLSTATE 23503: <the server's first line>", without any password a message might quote. */
    static String describe(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        message = message.lines().findFirst().orElse(message).replaceFirst("^ERROR: ", "");
        return "SQLSTATE " + e.getSQLState() + ": " + Redactor.urls(message);
    }

    private static void rollbackQuietly(Connection conn) {
        try {
            conn.rollback();
        } catch (SQLException ignored) {
            // the connection is gone: the server rolls the transaction back itself
        }
    }
}
