package io.schemabot.testing;

import io.schemabot.plan.Hazard;
import io.schemabot.plan.Plan;
import io.schemabot.plan.Step;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs a plan step by step in a transaction that is rolled back, and holds each step to its hazards: every
 * existing table the step locks ACCESS EXCLUSIVE (readers wait) must be named by an ACCESS_EXCLUSIVE_LOCK hazard
 * of that step, on the table or on a parent whose lock names its children, or be dropped by it (DATA_LOSS).
 */
public final class LockClaims {
    private LockClaims() {
    }

    public static void check(TestDatabase db, Plan plan, Snapshot from) {
        List<String> unclaimed = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SET LOCAL check_function_bodies = off");
            for (Step step : plan.steps()) {
                Set<String> before = exclusivelyLocked(st);
                try {
                    st.execute(step.sql());
                } catch (SQLException e) {
                    break; // the round trip itself reports a failing plan, with its SQL
                }
                for (String table : exclusivelyLocked(st)) {
                    if (!before.contains(table) && from.table(table).isPresent() && !claimed(step, table, from)) {
                        unclaimed.add(table + " by step '" + step.title() + "', which claims " + step.hazards()
                                .stream().map(h -> h.kind() + " " + h.object()).toList());
                    }
                }
            }
            c.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertTrue(unclaimed.isEmpty(), "ACCESS EXCLUSIVE locks no hazard names: " + unclaimed + "\n" + plan.sql());
    }

    private static boolean claimed(Step step, String table, Snapshot from) {
        Set<String> named = new HashSet<>(ancestors(table, from));
        named.add(table);
        return step.hazards().stream().anyMatch(h -> h.kind() == Hazard.Kind.ACCESS_EXCLUSIVE_LOCK
                && named.contains(h.object()) || h.kind() == Hazard.Kind.DATA_LOSS && h.object().equals(table));
    }

    private static Set<String> ancestors(String table, Snapshot from) {
        Set<String> found = new HashSet<>();
        List<String> next = new ArrayList<>(List.of(table));
        while (!next.isEmpty()) {
            Table t = from.table(next.remove(next.size() - 1)).orElse(null);
            if (t == null) {
                continue;
            }
            List<String> parents = new ArrayList<>(t.inherits());
            if (t.partitionOf() != null) {
                parents.add(t.partitionOf());
            }
            parents.stream().filter(found::add).forEach(next::add);
        }
        return found;
    }

    /** Relations this session holds ACCESS EXCLUSIVE, named as the snapshot names them. */
    private static Set<String> exclusivelyLocked(Statement st) throws SQLException {
        Set<String> names = new HashSet<>();
        try (ResultSet rs = st.executeQuery("SELECT DISTINCT format('%I.%I', n.nspname, c.relname) FROM pg_locks l"
                + " JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE l.pid = pg_backend_pid() AND l.mode = 'AccessExclusiveLock'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
