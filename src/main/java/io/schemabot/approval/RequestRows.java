package io.schemabot.approval;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The SQL of hotfix requests and their events: the one place that knows the tables' columns. */
final class RequestRows {
    static final String REQUEST_COLUMNS = "id, target, proposer, channel, state, plan_json, plan_hash, base_fingerprint,"
            + " target_fingerprint, flyway_history, allow_data_loss, blocked, required, created_at, expires_at, message_ts";
    private static final String EVENT_COLUMNS = "request_id, seq, event, user_id, at, plan_hash, detail::text";

    private RequestRows() {
    }

    /** Reads the request rows that {@code whereAndOrder} selects (with {@code args}), as stored: approvers empty. */
    static List<HotfixRequest> requests(Connection c, String whereAndOrder, Object... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + REQUEST_COLUMNS + " FROM schemabot.hotfix_request "
                + whereAndOrder)) {
            bind(st, args);
            List<HotfixRequest> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(new HotfixRequest(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            State.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10), rs.getBoolean(11), rs.getBoolean(12), rs.getInt(13),
                            instant(rs, 14), instant(rs, 15), rs.getString(16), List.of()));
                }
            }
            return rows;
        }
    }

    /** Inserts a new request unless its id is taken; true when inserted. */
    static boolean insert(Connection c, HotfixRequest r) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO schemabot.hotfix_request (" + REQUEST_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
            bind(st, r.id(), r.target(), r.proposer(), r.channel(), r.state().name(), r.planJson(), r.planHash(),
                    r.baseFingerprint(), r.targetFingerprint(), r.flywayHistory(), r.allowDataLoss(), r.blocked(),
                    r.required(), r.createdAt(), r.expiresAt(), r.messageTs());
            return st.executeUpdate() == 1;
        }
    }

    /**
     * Moves a request from {@code from} to {@code to} with one conditional update; false when the row was not in
     * {@code from}. Into EXECUTING only before the request expires: the move that lets SQL run on production
     * checks both in the same statement.
     */
    static boolean move(Connection c, String id, State from, State to, Instant now) throws SQLException {
        String sql = "UPDATE schemabot.hotfix_request SET state = ? WHERE id = ? AND state = ?"
                + (to == State.EXECUTING ? " AND expires_at > ?" : "");
        try (PreparedStatement st = c.prepareStatement(sql)) {
            if (to == State.EXECUTING) {
                bind(st, to.name(), id, from.name(), now);
            } else {
                bind(st, to.name(), id, from.name());
            }
            return st.executeUpdate() == 1;
        }
    }

    static void setMessageTs(Connection c, String id, String ts) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE schemabot.hotfix_request SET message_ts = ? WHERE id = ?")) {
            bind(st, ts, id);
            if (st.executeUpdate() != 1) {
                throw new IllegalArgumentException("there is no hotfix request " + id);
            }
        }
    }

    static void append(Connection c, RequestEvent e) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO schemabot.hotfix_event (request_id, seq, event,"
                + " user_id, at, plan_hash, detail) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)")) {
            bind(st, e.requestId(), e.seq(), e.kind().label(), e.userId(), e.at(), e.planHash(), e.detail());
            st.executeUpdate();
        }
    }

    /** Events that {@code whereAndOrder} selects from the event table (with {@code args}). */
    static List<RequestEvent> events(Connection c, String whereAndOrder, Object... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + EVENT_COLUMNS + " FROM schemabot.hotfix_event "
                + whereAndOrder)) {
            bind(st, args);
            List<RequestEvent> events = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    events.add(new RequestEvent(rs.getString(1), rs.getInt(2), RequestEvent.Kind.of(rs.getString(3)),
                            rs.getString(4), instant(rs, 5), rs.getString(6), rs.getString(7)));
                }
            }
            return events;
        }
    }

    static List<RequestEvent> eventsOf(Connection c, String id) throws SQLException {
        return events(c, "WHERE request_id = ? ORDER BY seq", id);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static void bind(PreparedStatement st, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof Instant instant) {
                st.setObject(i + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            } else if (a == null) {
                st.setNull(i + 1, Types.VARCHAR);
            } else {
                st.setObject(i + 1, a);
            }
        }
    }
}
