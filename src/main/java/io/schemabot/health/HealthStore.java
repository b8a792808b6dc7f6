package io.schemabot.health;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The checks' states and their alerts in the store (tables health_check and health_alert). */
final class HealthStore {
    private final DataSource dataSource;

    HealthStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** An alert message: where, what it said, its ts once Slack took it, and whether it is still open. */
    record Alert(long id, String channel, String text, Instant openedAt, String ts, Instant lastReminderAt,
                 Instant resolvedAt) {
    }

    /** A reply in an alert's thread (or, without an alert, in the channel) or an edit of it, not yet sent. */
    record Message(long id, Long alertId, String channel, boolean update, String text) {
    }

    /** One round's decisions, written together or not at all. */
    interface Work {
        void run(Connection c) throws SQLException;
    }

    Map<String, CheckState> states() throws SQLException {
        Map<String, CheckState> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, state, since, failures, successes, streak_since,"
                     + " last_healthy, last_summary, last_evidence, last_next_step, last_latency_ms, last_at, alert_id"
                     + " FROM schemabot.health_check")) {
            while (rs.next()) {
                CheckResult last = null;
                rs.getBoolean(7);
                if (!rs.wasNull()) {
                    last = new CheckResult(rs.getBoolean(7), Duration.ofMillis(rs.getLong(11)), rs.getString(8),
                            rs.getString(9), rs.getString(10));
                }
                long alert = rs.getLong(13);
                Long alertId = rs.wasNull() ? null : alert;
                out.put(rs.getString(1), new CheckState(rs.getString(1), CheckState.Status.valueOf(rs.getString(2)),
                        instant(rs, 3), rs.getInt(4), rs.getInt(5), instant(rs, 6), last, instant(rs, 12), alertId));
            }
        }
        return out;
    }

    static void save(Connection c, CheckState s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO schemabot.health_check (name, state, since,"
                + " failures, successes, streak_since, last_healthy, last_summary, last_evidence, last_next_step,"
                + " last_latency_ms, last_at, alert_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (name) DO UPDATE"
                + " SET state = excluded.state, since = excluded.since, failures = excluded.failures,"
                + " successes = excluded.successes, streak_since = excluded.streak_since,"
                + " last_healthy = excluded.last_healthy, last_summary = excluded.last_summary,"
                + " last_evidence = excluded.last_evidence, last_next_step = excluded.last_next_step,"
                + " last_latency_ms = excluded.last_latency_ms, last_at = excluded.last_at,"
                + " alert_id = excluded.alert_id")) {
            ps.setString(1, s.name());
            ps.setString(2, s.status().name());
            ps.setObject(3, time(s.since()));
            ps.setInt(4, s.failures());
            ps.setInt(5, s.successes());
            ps.setObject(6, time(s.streakSince()));
            CheckResult r = s.last();
            if (r == null) {
                ps.setNull(7, Types.BOOLEAN);
                ps.setNull(8, Types.VARCHAR);
                ps.setNull(9, Types.VARCHAR);
                ps.setNull(10, Types.VARCHAR);
                ps.setNull(11, Types.BIGINT);
            } else {
                ps.setBoolean(7, r.healthy());
                ps.setString(8, r.summary());
                ps.setString(9, r.evidence());
                ps.setString(10, r.nextStep());
                ps.setLong(11, r.latency().toMillis());
            }
            ps.setObject(12, s.lastAt() == null ? null : time(s.lastAt()), Types.TIMESTAMP_WITH_TIMEZONE);
            if (s.alertId() == null) {
                ps.setNull(13, Types.BIGINT);
            } else {
                ps.setLong(13, s.alertId());
            }
            ps.executeUpdate();
        }
    }

    static long openAlert(Connection c, String channel, String text, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO schemabot.health_alert (channel, text, opened_at)"
                + " VALUES (?,?,?) RETURNING id")) {
            ps.setString(1, channel);
            ps.setString(2, text);
            ps.setObject(3, time(at));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void message(Connection c, Long alertId, String channel, boolean update, String text, Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO schemabot.health_message (alert_id, channel, kind,"
                + " text, created_at) VALUES (?,?,?,?,?)")) {
            ps.setObject(1, alertId);
            ps.setString(2, channel);
            ps.setString(3, update ? "update" : "reply");
            ps.setString(4, text);
            ps.setObject(5, time(at));
            ps.executeUpdate();
        }
    }

    /**
     * Messages not yet sent whose alert has its ts (a reply to an alert still unposted would land outside its
     * thread, an edit would have nothing to edit), oldest first.
     */
    List<Message> unsentMessages() throws SQLException {
        List<Message> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT m.id, m.alert_id, m.channel, m.kind, m.text"
                     + " FROM schemabot.health_message m LEFT JOIN schemabot.health_alert a ON a.id = m.alert_id"
                     + " WHERE m.sent_at IS NULL AND (m.alert_id IS NULL OR a.message_ts IS NOT NULL) ORDER BY m.id")) {
            while (rs.next()) {
                long alert = rs.getLong(2);
                out.add(new Message(rs.getLong(1), rs.wasNull() ? null : alert, rs.getString(3),
                        rs.getString(4).equals("update"), rs.getString(5)));
            }
        }
        return out;
    }

    void sent(long id, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            update(c, "UPDATE schemabot.health_message SET sent_at = ? WHERE id = ? AND sent_at IS NULL", id, at);
        }
    }

    /** The alert now reads {@code text} (more checks joined it): later edits quote this. */
    static void retext(Connection c, long id, String text) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE schemabot.health_alert SET text = ? WHERE id = ?")) {
            ps.setString(1, text);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    static void resolve(Connection c, long id, Instant at) throws SQLException {
        update(c, "UPDATE schemabot.health_alert SET resolved_at = ? WHERE id = ?", id, at);
    }

    static void reminded(Connection c, long id, Instant at) throws SQLException {
        update(c, "UPDATE schemabot.health_alert SET last_reminder_at = ? WHERE id = ?", id, at);
    }

    /**
     * Slack took the alert: its replies and updates go to this ts from now on, on whichever replica leads. The
     * first ts stored stays: should two replicas ever post one alert, its thread and edits keep to one message.
     */
    void posted(long id, String ts) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE schemabot.health_alert SET message_ts = ? WHERE id = ? AND message_ts IS NULL")) {
            ps.setString(1, ts);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /**
     * Alerts with no message yet that are still to be said: open ones, and resolved ones whose recovery waits
     * (Slack was away for the whole outage: the channel still hears of it, and that it is over), oldest first.
     */
    List<Alert> unpostedAlerts() throws SQLException {
        List<Alert> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, channel, text, opened_at, message_ts, last_reminder_at,"
                     + " resolved_at FROM schemabot.health_alert a WHERE message_ts IS NULL AND (resolved_at IS NULL"
                     + " OR EXISTS (SELECT 1 FROM schemabot.health_message m WHERE m.alert_id = a.id"
                     + " AND m.sent_at IS NULL)) ORDER BY id")) {
            while (rs.next()) {
                out.add(alert(rs));
            }
        }
        return out;
    }

    /** The alerts not yet resolved, oldest first. */
    List<Alert> openAlerts() throws SQLException {
        List<Alert> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, channel, text, opened_at, message_ts, last_reminder_at,"
                     + " resolved_at FROM schemabot.health_alert WHERE resolved_at IS NULL ORDER BY id")) {
            while (rs.next()) {
                out.add(alert(rs));
            }
        }
        return out;
    }

    Alert alert(long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, channel, text, opened_at, message_ts, last_reminder_at, resolved_at"
                        + " FROM schemabot.health_alert WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? alert(rs) : null;
            }
        }
    }

    private static Alert alert(ResultSet rs) throws SQLException {
        return new Alert(rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs, 4), rs.getString(5),
                instant(rs, 6), instant(rs, 7));
    }

    private static void update(Connection c, String sql, long id, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, time(at));
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    private static OffsetDateTime time(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
