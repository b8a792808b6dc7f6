package io.schemabot.approval;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request locked (SELECT ... FOR UPDATE) in an open transaction, with its events: the only way its state moves.
 * Each {@link #append} writes one event and, when the replayed events say the state changed, moves the row with a
 * conditional update, so no two transactions can both make the same move.
 */
final class LockedRequest {
    private final Connection connection;
    private final Instant now;
    private final List<RequestEvent> events;
    private HotfixRequest request;

    private LockedRequest(Connection connection, Instant now, HotfixRequest request, List<RequestEvent> events) {
        this.connection = connection;
        this.now = now;
        this.request = request;
        this.events = new ArrayList<>(events);
    }

    /**
     * Locks request {@code id} in {@code connection}'s transaction; empty when there is none. Fails when the row's
     * state is not the one its events lead to: the store was changed by something other than this class.
     */
    static Optional<LockedRequest> lock(Connection connection, String id, Instant now) throws SQLException {
        List<HotfixRequest> rows = RequestRows.requests(connection, "WHERE id = ? FOR UPDATE", id);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(withEvents(connection, rows.get(0), now));
    }

    /** Locks the rows that {@code whereAndOrder} selects, in that order (id order keeps two lockers from deadlocking). */
    static List<LockedRequest> lockAll(Connection connection, Instant now, String whereAndOrder, Object... args)
            throws SQLException {
        List<LockedRequest> locked = new ArrayList<>();
        for (HotfixRequest row : RequestRows.requests(connection, whereAndOrder + " FOR UPDATE", args)) {
            locked.add(withEvents(connection, row, now));
        }
        return locked;
    }

    /** A request that {@code connection}'s transaction has just inserted, with no events yet. */
    static LockedRequest created(Connection connection, HotfixRequest request, Instant now) {
        return new LockedRequest(connection, now, request, List.of());
    }

    private static LockedRequest withEvents(Connection connection, HotfixRequest row, Instant now) throws SQLException {
        List<RequestEvent> events = RequestRows.eventsOf(connection, row.id());
        History history = History.replay(events, row.planHash(), row.required());
        if (history.state() != row.state()) {
            throw new IllegalStateException("hotfix request " + row.id() + " is " + row.state()
                    + " in its row but " + history.state() + " by its events; the store was changed by hand");
        }
        return new LockedRequest(connection, now, row.with(row.state(), history.approvers()), events);
    }

    HotfixRequest request() {
        return request;
    }

    Instant now() {
        return now;
    }

    /** True when the request waits for people but its time ran out (it must expire before anything else). */
    boolean due() {
        return request.state().awaitsDecision() && !now.isBefore(request.expiresAt());
    }

    /** Appends one event and moves the row to the state the events now lead to; returns that state. */
    State append(RequestEvent.Kind kind, String user, String planHash, String detailJson) throws SQLException {
        RequestEvent event = new RequestEvent(request.id(), events.size() + 1, kind, user, now, planHash, detailJson);
        RequestRows.append(connection, event);
        events.add(event);
        History history = History.replay(events, request.planHash(), request.required());
        State before = request.state();
        if (history.state() != before && !RequestRows.move(connection, request.id(), before, history.state(), now)) {
            throw new IllegalStateException("hotfix request " + request.id() + " left " + before + " under its lock");
        }
        request = request.with(history.state(), history.approvers());
        return history.state();
    }
}
