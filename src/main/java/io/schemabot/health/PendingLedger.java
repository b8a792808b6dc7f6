package io.schemabot.health;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a migrations check first saw each version pending, kept in the store so that every replica, and a restart,
 * counts a pending migration's age from the same moment (else a new leader would find an overdue migration fresh,
 * say "recovered", and alert again once pendingFor passed). While the store does not answer, this process's own
 * memory serves.
 */
final class PendingLedger {
    private static final Logger LOG = LoggerFactory.getLogger(PendingLedger.class);
    private final DataSource store;
    private final Map<String, Instant> remembered = new ConcurrentHashMap<>();

    PendingLedger(DataSource store) {
        this.store = store;
    }

    /** When {@code check} first saw {@code version} pending; now, if never before. */
    Instant firstSeen(String check, String version, Instant now) {
        Instant here = remembered.computeIfAbsent(check + "\u0000" + version, k -> now);
        try (Connection c = store.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO schemabot.health_pending (check_name, version, first_seen) VALUES (?,?,?)"
                        + " ON CONFLICT (check_name, version) DO UPDATE SET first_seen = health_pending.first_seen"
                        + " RETURNING first_seen")) {
            ps.setString(1, check);
            ps.setString(2, version);
            ps.setObject(3, here.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class).toInstant();
            }
        } catch (SQLException e) {
            LOG.warn("the store did not say when {} first saw V{} pending; counting from this process's memory: {}",
                    check, version, e.getMessage());
            return here;
        }
    }

    /** Forgets the versions of {@code check} that are no longer pending (applied, or their file removed). */
    void keepOnly(String check, List<String> versions) {
        remembered.keySet().removeIf(k -> k.startsWith(check + "\u0000")
                && !versions.contains(k.substring(check.length() + 1)));
        try (Connection c = store.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM schemabot.health_pending WHERE check_name = ? AND NOT (version = ANY (?))")) {
            ps.setString(1, check);
            ps.setArray(2, c.createArrayOf("text", versions.toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("the store did not forget the applied migrations of {}: {}", check, e.getMessage());
        }
    }
}
