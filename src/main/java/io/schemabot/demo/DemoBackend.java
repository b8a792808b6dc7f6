package io.schemabot.demo;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The incident's backend, as far as its health check can tell: GET /health answers what the real service
 * answered (status healthy, database configured) until {@link #breakIt()}, then 503 until {@link #fix()}. The
 * demo's `break backend` and `fix backend` drive it so the channel can hear an alert and its recovery.
 */
public final class DemoBackend implements AutoCloseable {
    private final HttpServer server;
    private volatile boolean broken;

    private DemoBackend(HttpServer server) {
        this.server = server;
    }

    /** Listens on a free port of the loopback address. */
    public static DemoBackend start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            DemoBackend backend = new DemoBackend(server);
            server.createContext("/health", exchange -> {
                boolean down = backend.broken;
                byte[] body = (down ? "{\"status\":\"unhealthy\",\"database_configured\":false,"
                        + "\"error\":\"could not connect to the database\"}"
                        : "{\"status\":\"healthy\",\"database_configured\":true}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(down ? 503 : 200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return backend;
        } catch (IOException e) {
            throw new UncheckedIOException("the demo's backend could not listen: " + e.getMessage(), e);
        }
    }

    public String healthUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/health";
    }

    public void breakIt() {
        broken = true;
    }

    public void fix() {
        broken = false;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
