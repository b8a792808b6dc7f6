package io.schemabot.approval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A request's state and approvers replayed from its events alone. The store moves a request only through
 * {@link #after}, and checks the row it keeps against {@link #replay} before each move, so the event log is the
 * truth and the row a copy of it.
 */
final class History {
    private final State state;
    private final List<String> approvers;

    private History(State state, List<String> approvers) {
        this.state = state;
        this.approvers = approvers;
    }

    State state() {
        return state;
    }

    List<String> approvers() {
        return approvers;
    }

    /**
     * Replays {@code events} (oldest first) of a request whose plan hash is {@code planHash} and whose quorum is
     * {@code required}; an approval counts only for that plan hash, and a later withdrawal by the same person
     * cancels it.
     */
    static History replay(List<RequestEvent> events, String planHash, int required) {
        State state = null;
        Set<String> approvers = new LinkedHashSet<>();
        for (RequestEvent e : events) {
            if (e.kind() == RequestEvent.Kind.APPROVED && planHash.equals(e.planHash())) {
                approvers.add(e.userId());
            } else if (e.kind() == RequestEvent.Kind.WITHDRAWN) {
                approvers.remove(e.userId());
            }
            state = after(state, e.kind(), approvers.size(), required);
        }
        if (state == null) {
            throw new IllegalStateException("a request without events has no state");
        }
        return new History(state, List.copyOf(new ArrayList<>(approvers)));
    }

    /** The state an event of {@code kind} leaves a request in, given the approvals it then has. */
    static State after(State before, RequestEvent.Kind kind, int approvals, int required) {
        return switch (kind) {
            case PROPOSED -> State.PROPOSED;
            case APPROVED -> before == State.PROPOSED && approvals >= required ? State.APPROVED : before;
            case WITHDRAWN -> before == State.APPROVED && approvals < required ? State.PROPOSED : before;
            case REFUSED, RETRYING -> before;
            case REJECTED -> State.REJECTED;
            case CANCELLED -> State.CANCELLED;
            case EXPIRED -> State.EXPIRED;
            case STALE -> State.STALE;
            case EXECUTING -> State.EXECUTING;
            case SUCCEEDED -> State.SUCCEEDED;
            case FAILED -> State.FAILED;
        };
    }
}
