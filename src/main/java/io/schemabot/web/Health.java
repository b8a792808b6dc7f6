package io.schemabot.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.schemabot.Version;
import io.schemabot.config.Config;
import io.schemabot.ops.Ops;
import io.schemabot.store.Store;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * GET /health: 200 whenever the server takes Slack requests; the body says whether the store and each target
 * answer. Checks run in parallel and are cached for a few seconds, so a load balancer's polling cannot turn
 * into a connection storm against production.
 */
public final class Health {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private final Config config;
    private final Ops ops;
    private final Store store;
    private final LoadingCache<String, ObjectNode> cached;
    /** Probes run side by side on threads of their own (the common pool may have a single thread on 2 cores). */
    private final ExecutorService probes;

    public Health(Config config, Ops ops, Store store) {
        this.config = config;
        this.ops = ops;
        this.store = store;
        this.cached = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(5)).build(k -> check());
        this.probes = Executors.newFixedThreadPool(Math.max(1, Math.min(8, config.targets().size())), r -> {
            Thread t = new Thread(r, "health-probe");
            t.setDaemon(true);
            return t;
        });
    }

    public ObjectNode current() {
        return cached.get("health");
    }

    private ObjectNode check() {
        Map<String, CompletableFuture<Boolean>> targets = new TreeMap<>();
        config.targets().forEach((name, target) -> targets.put(name, CompletableFuture.supplyAsync(() -> ops.reachable(target), probes)));
        boolean storeUp = store != null && store.reachable();
        ObjectNode root = MAPPER.createObjectNode();
        boolean allUp = storeUp;
        ObjectNode t = MAPPER.createObjectNode();
        for (Map.Entry<String, CompletableFuture<Boolean>> e : targets.entrySet()) {
            boolean up = e.getValue().join();
            allUp &= up;
            t.putObject(e.getKey()).put("reachable", up);
        }
        root.put("status", allUp ? "ok" : "degraded");
        root.put("version", Version.current());
        root.putObject("store").put("reachable", storeUp).put("kind", config.store().url() == null ? "embedded" : "external");
        root.set("targets", t);
        return root;
    }
}
