package io.schemabot.approval;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the store holds about requests, read without locking: lists for `requests`, the audit and the report. */
final class RequestQueries {
    private final DataSource store;

    RequestQueries(DataSource store) {
        this.store = store;
    }

    List<HotfixRequest> open() {
        return requests("WHERE state IN ('PROPOSED', 'APPROVED', 'EXECUTING') ORDER BY created_at, id");
    }

    List<HotfixRequest> inState(State state) {
        return requests("WHERE state = ? ORDER BY created_at, id", state.name());
    }

    Optional<HotfixRequest> find(String id) {
        return requests("WHERE id = ?", id).stream().findFirst();
    }

    List<RequestEvent> events(int limit) {
        return read(c -> RequestRows.events(c, "WHERE id IN (SELECT id FROM schemabot.hotfix_event ORDER BY id DESC"
                + " LIMIT ?) ORDER BY id", limit));
    }

    List<RequestEvent> events(String id) {
        return read(c -> RequestRows.eventsOf(c, id));
    }

    /** The rows with their approvers replayed from their events (one snapshot for all of them). */
    private List<HotfixRequest> requests(String whereAndOrder, Object... args) {
        return StoreWork.inTransaction(store, c -> {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            List<HotfixRequest> withApprovers = new ArrayList<>();
            for (HotfixRequest row : RequestRows.requests(c, whereAndOrder, args)) {
                History history = History.replay(RequestRows.eventsOf(c, row.id()), row.planHash(), row.required());
                withApprovers.add(row.with(row.state(), history.approvers()));
            }
            return withApprovers;
        });
    }

    private <T> T read(StoreWork<T> query) {
        return StoreWork.onConnection(store, query);
    }
}
