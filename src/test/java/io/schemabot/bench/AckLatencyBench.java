package io.schemabot.bench;

import io.schemabot.testing.SlackFixture;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.schemabot.testing.SlackFixture.CHANNEL;
import static io.schemabot.testing.SlackFixture.command;
import static io.schemabot.testing.SlackFixture.form;

/**
 * Ack latency of signed slash commands (`status production`, each from another user, so each is real database
 * work queued behind the ack) at 50 concurrent connections. Run:
 * {@code mvn -B -q -Pbench test-compile exec:exec -Dbench.class=io.schemabot.bench.AckLatencyBench -Dpg-binaries.version=17.6.0 -Dbench.heap=1g}
 * With {@code BENCH_WRK=1} in the environment the load comes from wrk (Debian package) instead.
 */
public final class AckLatencyBench {
    private static final int WARMUP = Integer.getInteger("warmup", 1000);
    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        String text = args.length > 2 ? String.join(" ", java.util.Arrays.copyOfRange(args, 2, args.length)) : "status production";
        boolean work = !text.equals("help");
        SlackFixture slack = new SlackFixture();
        try {
            run(slack, WARMUP, concurrency, "warm-up", text);
            drain(slack, work ? WARMUP : 0);
            if (System.getenv("BENCH_WRK") != null) {
                withWrk(slack, total, concurrency, text); // a second load, from a separate process; then stop
                return;
            }
            List<Long> latencies = run(slack, total, concurrency, "measured", text);
            long t0 = System.nanoTime();
            drain(slack, work ? total : 0);
            Collections.sort(latencies);
            System.out.printf("| `%s` | %,d commands | %d connections | p50 %.1f ms | p99 %.1f ms | max %.1f ms | work drained %.1f s after the last ack |%n",
                    text, total, concurrency, latencies.get(latencies.size() / 2) / 1e6,
                    latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1) / 1e6,
                    latencies.get(latencies.size() - 1) / 1e6, (System.nanoTime() - t0) / 1e9);
            // the server's own view: time inside the handler, without the client's or the network's share
            slack.get("/metrics").body().lines().filter(l -> l.startsWith("schemabot_slack_ack_seconds{quantile")
                    || l.startsWith("schemabot_slack_ack_seconds_max")).forEach(l -> System.out.println("server: " + l));
        } finally {
            slack.close();
        }
        System.exit(0);
    }

    /**
     * Sends pre-built, pre-signed requests over persistent raw HTTP/1.1 connections: a load generator that costs
     * little CPU, so that on a 2-core machine the figures are the server's, not the client's.
     */
    private static List<Long> run(SlackFixture slack, int total, int concurrency, String label, String text)
            throws Exception {
        List<byte[]> requests = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            String user = "U0" + label.charAt(0) + i;
            String body = form(command(user, CHANNEL, text, slack.respondUrl(user)));
            long ts = java.time.Instant.now().getEpochSecond();
            String head = "POST /slack/events HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n"
                    + "X-Slack-Request-Timestamp: " + ts + "\r\n"
                    + "X-Slack-Signature: " + SlackFixture.sign(SlackFixture.SECRET, ts, body) + "\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n";
            requests.add((head + body).getBytes(StandardCharsets.UTF_8));
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            futures.add(clients.submit(() -> {
                try (Socket socket = new Socket("localhost", slack.server.port())) {
                    socket.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
                    int i;
                    while ((i = next.getAndIncrement()) < total) {
                        long t0 = System.nanoTime();
                        out.write(requests.get(i));
                        out.flush();
                        int status = readResponse(in);
                        latencies.add(System.nanoTime() - t0);
                        if (status != 200) {
                            throw new IllegalStateException("status " + status);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        clients.shutdown();
        return new ArrayList<>(latencies);
    }

    /**
     * The same load from wrk, a separate C process: each pre-signed request sent once over 50 connections.
     * Its figures are the server's with the least client overhead this machine allows.
     */
    private static void withWrk(SlackFixture slack, int total, int concurrency, String text) throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ack-bench");
        java.nio.file.Path requests = dir.resolve("requests.tsv");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < total; i++) {
            String user = "U0W" + i;
            String body = form(command(user, CHANNEL, text, slack.respondUrl(user)));
            long ts = java.time.Instant.now().getEpochSecond();
            lines.append(ts).append('\t').append(SlackFixture.sign(SlackFixture.SECRET, ts, body)).append('\t')
                    .append(body).append('\n');
        }
        java.nio.file.Files.writeString(requests, lines);
        java.nio.file.Path script = dir.resolve("ack.lua");
        try (InputStream in = AckLatencyBench.class.getResourceAsStream("/bench/ack.lua")) {
            java.nio.file.Files.write(script, in.readAllBytes());
        }
        int threads = 2;
        Process wrk = new ProcessBuilder("wrk", "-t" + threads, "-c" + concurrency, "-d60s", "--latency", "-s",
                script.toString(), slack.baseUrl() + "/slack/events", "--", requests.toString(), String.valueOf(threads))
                .redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        System.out.println("wrk (" + threads + " threads, " + concurrency + " connections, " + total + " x `" + text + "`):");
        out.lines().filter(l -> l.contains("Latency") || l.matches("\\s+(50|75|90|99)%.*") || l.contains("requests in")
                || l.contains("unexpected")).forEach(l -> System.out.println("  " + l.strip()));
    }

    /** Reads one HTTP/1.1 response with a Content-Length body; returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        int length = 0;
        String header;
        while (!(header = line(in)).isEmpty()) {
            if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).strip());
            }
        }
        in.readNBytes(length);
        return Integer.parseInt(statusLine.split(" ")[1]);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    /** Waits for every queued command's answer to reach (the stand-in for) Slack. */
    private static void drain(SlackFixture slack, int answers) {
        for (int i = 0; i < answers; i++) {
            slack.nextOutbound();
        }
    }
}
