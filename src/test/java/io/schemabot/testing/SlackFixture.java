package io.schemabot.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.slack.api.app_backend.SlackSignature;
import io.schemabot.config.Config;
import io.schemabot.web.SchemabotServer;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.client.WireMock;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A running schemabot (real Javalin, real Bolt, the incident's production in the embedded PostgreSQL) with
 * WireMock as Slack's Web API and response_url, and a client that signs requests as Slack does.
 */
public final class SlackFixture implements AutoCloseable {
    public static final String SECRET = "test-signing-secret";
    public static final String CHANNEL = "C0OPS";
    private static final AtomicInteger TRIGGERS = new AtomicInteger();

    public final WireMockServer slack = new WireMockServer(options().dynamicPort());
    /** What schemabot sent to Slack, in order: response_url posts and Web API calls. */
    public final BlockingQueue<Request> outbound = new LinkedBlockingQueue<>();
    public final TestDatabase production;
    public final TestDatabase store;
    public final SchemabotServer server;
    /** A second bot on the same configuration and store, as a second replica behind a load balancer; on demand. */
    private SchemabotServer replica;
    private final Config config;
    private final HttpClient http = HttpClient.newHttpClient();

    public SlackFixture() {
        this(Map.of(), Config.Commands.defaults());
    }

    /** The incident's production plus {@code moreTargets}, with these command limits. */
    public SlackFixture(Map<String, Config.Target> moreTargets, Config.Commands commands) {
        this(moreTargets, commands, Config.Health.defaults());
    }

    /** The incident's production, watched by these health checks. */
    public SlackFixture(Config.Health health) {
        this(Map.of(), Config.Commands.defaults(), health);
    }

    private SlackFixture(Map<String, Config.Target> moreTargets, Config.Commands commands, Config.Health health) {
        slack.start();
        slack.addMockServiceRequestListener((request, response) -> outbound.add(LoggedRequest.createFrom(request)));
        SlackStubs.install(slack);
        production = IncidentProduction.create("slack_prod");
        store = EmbeddedPg.createDatabase("slack_store");
        config = new Config(
                new Config.Slack(SECRET, "xoxb-test", slack.baseUrl() + "/api/", CHANNEL, "/schemabot", true),
                targets(production, moreTargets),
                new Config.Approval(List.of("U0LEAD1", "U0LEAD2"), 2, Duration.ofMinutes(30)),
                new Config.Server(0), new Config.Store(store.jdbcUrl()), Config.Planning.defaults(), commands,
                Config.Execute.defaults(), health);
        server = new SchemabotServer(config, Clock.systemUTC(), Path.of("target/test-data"), EmbeddedPg.shared()).start();
    }

    private static Map<String, Config.Target> targets(TestDatabase production, Map<String, Config.Target> more) {
        Map<String, Config.Target> all = new LinkedHashMap<>(more);
        all.put("production", new Config.Target("production", production.jdbcUrl(), IncidentProduction.MIGRATIONS, null, null));
        return all;
    }

    /** The audit log's rows, oldest first: command, target, outcome. */
    public List<String> audit() {
        List<String> rows = new java.util.ArrayList<>();
        try (var c = store.connect(); var st = c.createStatement(); var rs = st.executeQuery(
                "SELECT command, target, outcome FROM schemabot.audit_log ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /** The second replica's base URL (started on first use, closed with the fixture). */
    public synchronized String replicaUrl() {
        if (replica == null) {
            replica = new SchemabotServer(config, Clock.systemUTC(), Path.of("target/test-data"), EmbeddedPg.shared()).start();
        }
        return "http://localhost:" + replica.port();
    }

    /** Posts a body signed now to the server at {@code base}. */
    public HttpResponse<String> postSignedTo(String base, String body) {
        long ts = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/slack/events")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", String.valueOf(ts)).header("X-Slack-Signature", sign(SECRET, ts, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return send(request);
    }

    /** The form Slack posts when {@code user} clicks a schemabot button. */
    public String click(String user, String verb, String requestId, String id) {
        String payload = "{\"type\":\"block_actions\",\"team\":{\"id\":\"T0TEAM\"},\"user\":{\"id\":\"" + user + "\"},"
                + "\"api_app_id\":\"A0APP\",\"token\":\"legacy\",\"trigger_id\":\"t." + id + "\",\"channel\":{\"id\":\""
                + CHANNEL + "\"},\"response_url\":\"" + respondUrl(id) + "\",\"actions\":[{\"type\":\"button\","
                + "\"action_id\":\"schemabot:" + verb + "\",\"block_id\":\"b\",\"value\":\"" + requestId
                + "\",\"action_ts\":\"1700000000." + id.hashCode() + "\"}]}";
        return "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    }

    public String baseUrl() {
        return "http://localhost:" + server.port();
    }

    /** The form Slack posts for `/schemabot <text>`. */
    public static Map<String, String> command(String user, String channel, String text, String responsePath) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "legacy");
        form.put("team_id", "T0TEAM");
        form.put("team_domain", "acme");
        form.put("channel_id", channel);
        form.put("channel_name", "ops");
        form.put("user_id", user);
        form.put("user_name", user.toLowerCase());
        form.put("command", "/schemabot");
        form.put("text", text);
        form.put("api_app_id", "A0APP");
        form.put("response_url", responsePath);
        form.put("trigger_id", "trigger." + TRIGGERS.incrementAndGet());
        return form;
    }

    public String respondUrl(String id) {
        return slack.baseUrl() + "/respond/" + id;
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    public static String sign(String secret, long timestamp, String body) {
        return new SlackSignature.Generator(secret).generate(String.valueOf(timestamp), body);
    }

    /** Posts a body signed now with the right secret. */
    public HttpResponse<String> postSigned(String body) {
        long ts = Instant.now().getEpochSecond();
        return post(body, "application/x-www-form-urlencoded", Map.of("X-Slack-Request-Timestamp", String.valueOf(ts),
                "X-Slack-Signature", sign(SECRET, ts, body)));
    }

    public HttpResponse<String> post(String body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + "/slack/events"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return send(b.build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next request schemabot sends to Slack; fails the test after 60 seconds. */
    public Request nextOutbound() {
        try {
            Request r = outbound.poll(60, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError("schemabot sent nothing to Slack within 60 s");
            }
            return r;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        if (replica != null) {
            replica.close();
        }
        slack.stop();
        production.close();
        store.close();
    }
}
