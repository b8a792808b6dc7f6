package io.schemabot.ops;

import io.schemabot.approval.Approvers;
import io.schemabot.approval.HotfixRequests;
import io.schemabot.approval.RequestEvent;
import io.schemabot.config.Config;
import io.schemabot.store.Store;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** The audit and report verbs: hotfix requests' history, read from the store the config names. */
public final class RequestHistory implements AutoCloseable {
    private final Store store;
    private final HotfixRequests requests;

    private RequestHistory(Store store, HotfixRequests requests) {
        this.store = store;
        this.requests = requests;
    }

    /** The store of {@code config} (its store.url, or the embedded store under {@code dataDirectory}). */
    public static RequestHistory open(Config config, Path dataDirectory) {
        Store store = Store.open(config.store().url(), dataDirectory);
        return new RequestHistory(store, new HotfixRequests(store.dataSource(), Clock.systemUTC(), config.approval(),
                config.slack().channel(), new Approvers(List.of(), null)));
    }

    /** The newest {@code limit} events of every request, oldest first. */
    public List<RequestEvent> events(int limit) {
        return requests.events(limit);
    }

    public String report(String id) {
        return IncidentReport.of(requests, id, "`schemabot audit` lists the requests the store knows");
    }

    @Override
    public void close() throws Exception {
        store.close();
    }
}
