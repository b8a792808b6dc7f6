package io.schemabot.bench;

import io.schemabot.testing.SlackFixture;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static io.schemabot.testing.SlackFixture.CHANNEL;
import static io.schemabot.testing.SlackFixture.command;
import static io.schemabot.testing.SlackFixture.form;

/**
 * Ack latency of signed slash commands (`status production`, each from another user, so each is real database
 * work queued behind the ack) at 50 concurrent keep-alive connections, after a warm-up of 5,000 commands (the
 * JIT compiles the hot path after some thousands of calls; a server that has answered that many is the steady
 * state). Run:
 * {@code mvn -B -q -Pbench test-compile exec:exec -Dbench.class=io.schemabot.bench.AckLatencyBench -Dpg-binaries.version=17.6.0 -Dbench.heap=1g}
 * With {@code BENCH_WRK=1} in the environment the measured load comes from wrk (Debian package) instead.
 */
public final class AckLatencyBench {
    private static final int WARMUP = Integer.getInteger("warmup", 5000);

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        String text = args.length > 2 ? String.join(" ", Arrays.copyOfRange(args, 2, args.length)) : "status production";
        boolean work = !text.equals("help");
        SlackFixture slack = new SlackFixture();
        try (LoadGenerator load = new LoadGenerator(slack.server.port(), concurrency)) {
            String warmText = System.getProperty("warmup.text", text);
            LoadGenerator.Result warm = load.run(requests(slack, WARMUP, "A", warmText));
            drain(slack, warmText.equals("help") ? 0 : WARMUP);
            if (System.getenv("BENCH_WRK") != null) {
                withWrk(slack, total, concurrency, text); // the measured load from a separate process
                return;
            }
            List<Long> latencies = new ArrayList<>(load.run(requests(slack, total, "M", text)).steady());
            long t0 = System.nanoTime();
            drain(slack, work ? total : 0);
            System.out.printf("| `%s` | %,d commands | %d connections | p50 %.1f ms | p99 %.1f ms | max %.1f ms | work drained %.1f s after the last ack |%n",
                    text, total, concurrency, percentile(latencies, 50), percentile(latencies, 99),
                    percentile(latencies, 100), (System.nanoTime() - t0) / 1e9);
            List<Long> first = new ArrayList<>(warm.firstOnNew());
            System.out.printf("first request on each of %d new connections opened at once (cold server): p50 %.1f ms, max %.1f ms%n",
                    first.size(), percentile(first, 50), percentile(first, 100));
            // the server's own view: time inside the handler, without the client's or the network's share
            slack.get("/metrics").body().lines().filter(l -> l.startsWith("schemabot_slack_ack_seconds{quantile")
                    || l.startsWith("schemabot_slack_ack_seconds_max")).forEach(l -> System.out.println("server: " + l));
        } finally {
            slack.close();
        }
        System.exit(0);
    }

    /** Pre-built, pre-signed requests, each from another user so that none is a double submission. */
    private static List<byte[]> requests(SlackFixture slack, int count, String tag, String text) {
        List<byte[]> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String user = "U0" + tag + i;
            String body = form(command(user, CHANNEL, text, slack.respondUrl(user)));
            long ts = Instant.now().getEpochSecond();
            String head = "POST /slack/events HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n"
                    + "X-Slack-Request-Timestamp: " + ts + "\r\n"
                    + "X-Slack-Signature: " + SlackFixture.sign(SlackFixture.SECRET, ts, body) + "\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n";
            requests.add((head + body).getBytes(StandardCharsets.UTF_8));
        }
        return requests;
    }

    /** Nearest-rank percentile in milliseconds (100 = the maximum). */
    private static double percentile(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int rank = Math.max(1, (int) Math.ceil(sorted.size() * p / 100.0));
        return sorted.get(rank - 1) / 1e6;
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

    /** Waits for every queued command's answer to reach (the stand-in for) Slack. */
    private static void drain(SlackFixture slack, int answers) {
        for (int i = 0; i < answers; i++) {
            slack.nextOutbound();
        }
    }
}
