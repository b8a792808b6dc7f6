package io.schemabot.health;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.schemabot.config.Config;
import io.schemabot.ops.Ops;
import io.schemabot.store.Store;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.TestDatabase;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * WireMock as the watched service and as Slack's Web API, a fresh store database, and monitors built over them:
 * as many as a test wants (replicas), each with its own store pool, all on one test clock.
 */
final class HealthFixture implements AutoCloseable {
    static final String CHANNEL = "C0OPS";
    static final String ALERT_TS = "1700000000.000100";

    final WireMockServer service = new WireMockServer(options().dynamicPort());
    final WireMockServer slack = new WireMockServer(options().dynamicPort());
    final TestDatabase storeDb = EmbeddedPg.createDatabase("health_store");
    final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T12:00:00Z"));
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** One call schemabot made to Slack: the method and its form fields. */
    record SlackCall(String method, Map<String, String> fields) {
        String text() {
            return fields.getOrDefault("text", "");
        }

        String threadTs() {
            return fields.get("thread_ts");
        }
    }

    HealthFixture() {
        service.start();
        slack.start();
        slack.stubFor(WireMock.post(urlPathEqualTo("/api/chat.postMessage"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"" + CHANNEL + "\",\"ts\":\"" + ALERT_TS + "\"}")));
        slack.stubFor(WireMock.post(urlPathEqualTo("/api/chat.update"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"" + CHANNEL + "\",\"ts\":\"" + ALERT_TS + "\"}")));
    }

    void serviceAnswers(int status, String body) {
        service.stubFor(WireMock.get(urlPathEqualTo("/health")).willReturn(WireMock.aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    String serviceUrl() {
        return service.baseUrl() + "/health";
    }

    static Config.HealthCheck http(String name, String url, Map<String, String> expectJson) {
        return new Config.HealthCheck(name, Config.HealthCheck.CheckType.HTTP, url, null, Duration.ofSeconds(30),
                Duration.ofSeconds(5), 2, 1, null, expectJson, CHANNEL, Duration.ZERO);
    }

    static Config.HealthCheck onTarget(String name, Config.HealthCheck.CheckType type, String target, Duration pendingFor) {
        return new Config.HealthCheck(name, type, null, target, Duration.ofSeconds(30), Duration.ofSeconds(5), 2, 1,
                null, Map.of(), CHANNEL, pendingFor);
    }

    /** A config with these checks and targets, Slack at WireMock. */
    Config config(List<Config.HealthCheck> checks, Map<String, Config.Target> targets) {
        return new Config(new Config.Slack("secret", "xoxb-test", slack.baseUrl() + "/api/", CHANNEL, "/schemabot", false),
                targets, new Config.Approval(List.of(), 2, Duration.ofMinutes(30)), new Config.Server(0),
                new Config.Store(storeDb.jdbcUrl()), Config.Planning.defaults(), Config.Commands.defaults(),
                Config.Execute.defaults(), new Config.Health(Duration.ofMinutes(30), checks));
    }

    /** A replica's monitor: its own store pool, the real Slack SDK client, a fast-paced queue. */
    HealthMonitor monitor(Config config) {
        Store store = Store.open(storeDb.jdbcUrl(), Path.of("target/test-data"));
        opened.add(store);
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(slack.baseUrl() + "/api/");
        slackConfig.getMethodsConfig().setStatsEnabled(false);
        AlertQueue queue = new AlertQueue(new SlackAlertSink(Slack.getInstance(slackConfig).methods("xoxb-test")),
                Clock.systemUTC(), AlertQueue.Sleeper.real(), Duration.ofMillis(20), Duration.ofMinutes(1));
        HealthMonitor monitor = new HealthMonitor(config.health(),
                Checks.from(config, TargetProbe.over(new Ops(EmbeddedPg.shared(), config.planning())), clock,
                        store.dataSource()),
                store.dataSource(), queue, clock);
        opened.add(monitor);
        return monitor;
    }

    /** Waits (bounded) until the monitor's queue has sent everything, then lists what Slack received, in order. */
    List<SlackCall> slackCalls() {
        List<SlackCall> calls = new ArrayList<>();
        slack.findAll(WireMock.postRequestedFor(WireMock.urlPathMatching("/api/.*"))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .forEach(r -> calls.add(new SlackCall(r.getUrl().replaceFirst(".*/api/", "").replaceFirst("\\?.*", ""),
                        form(r.getBodyAsString()))));
        return calls;
    }

    static void drain(HealthMonitor... monitors) {
        for (HealthMonitor m : monitors) {
            try {
                if (!m.alertsIdle(Duration.ofSeconds(30))) {
                    throw new AssertionError("alerts still queued after 30 s");
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        Arrays.stream(body.split("&")).filter(p -> !p.isEmpty()).forEach(p -> {
            int eq = p.indexOf('=');
            out.put(URLDecoder.decode(eq < 0 ? p : p.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
        });
        return out;
    }

    @Override
    public void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        service.stop();
        slack.stop();
        storeDb.close();
    }
}
