package io.schemabot.slack;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Request;
import io.schemabot.config.Config;
import io.schemabot.testing.SlackFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `serve` watches the backend the team curled by hand: the channel hears one alert when it goes down and one
 * recovery in that alert's thread; `/schemabot health` and /metrics show it; and once a hotfix has executed, the
 * target's checks run at once and the request's thread hears what they found.
 */
class HealthAlertsHttpTest {
    private static final Pattern ID = Pattern.compile("Hotfix request (hf-[a-z0-9]{6})");
    private static final String HEALTHY = "{\"status\":\"healthy\",\"database_configured\":true}";

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anOutageIsAlertedOnceAndRecoveredInItsThread_andAHotfixIsFollowedByTheChecks() throws Exception {
        PASSED.clear();
        WireMockServer backend = new WireMockServer(options().dynamicPort());
        backend.start();
        backend.stubFor(WireMock.get("/health").willReturn(okJson(HEALTHY)));
        Config.HealthCheck check = new Config.HealthCheck("backend", Config.HealthCheck.CheckType.HTTP,
                backend.baseUrl() + "/health", "production", Duration.ofSeconds(1), Duration.ofSeconds(2), 2, 1, 200,
                Map.of("status", "healthy"), null, Duration.ZERO);
        try (SlackFixture slack = new SlackFixture(new Config.Health(Duration.ofMinutes(30), List.of(check)))) {
            backend.stubFor(WireMock.get("/health").willReturn(aResponse().withStatus(503)
                    .withBody("{\"status\":\"unhealthy\",\"error\":\"db down\"}")));

            Request alert = next(slack, r -> r.getUrl().equals("/api/chat.postMessage") && form(r, "text").contains("DOWN"));
            assertTrue(form(alert, "text").contains("backend"), form(alert, "text"));
            assertTrue(form(alert, "text").contains("503"), "the evidence: " + form(alert, "text"));

            String health = say(slack, "U0ALICE", "health");
            assertTrue(health.contains("backend* DOWN since"), health);
            assertTrue(slack.get("/metrics").body().contains("schemabot_health_up{check=\"backend\",type=\"http\"} 0.0"),
                    "the gauge reads down");

            backend.stubFor(WireMock.get("/health").willReturn(okJson(HEALTHY)));
            Request recovery = next(slack, r -> r.getUrl().equals("/api/chat.postMessage")
                    && form(r, "text").contains("recovered"));
            assertTrue(form(recovery, "text").contains("backend"), form(recovery, "text"));
            assertTrue(form(recovery, "thread_ts").equals("1.2"), "in the alert's thread");
            next(slack, r -> r.getUrl().equals("/api/chat.update") && form(r, "text").contains("Resolved"));

            String proposal = say(slack, "U0ALICE", "hotfix production");
            Matcher m = ID.matcher(proposal);
            assertTrue(m.find(), proposal);
            say(slack, "U0LEAD1", "approve " + m.group(1));
            say(slack, "U0LEAD2", "approve " + m.group(1));
            String executed = say(slack, "U0LEAD1", "execute " + m.group(1));
            assertTrue(executed.contains("executed: production repaired"), executed);
            Request after = next(slack, r -> r.getUrl().equals("/api/chat.postMessage")
                    && form(r, "text").startsWith("Health of production after hotfix request " + m.group(1)));
            assertTrue(form(after, "blocks").contains("backend healthy"), form(after, "blocks"));
            assertTrue(form(after, "thread_ts").equals("1.2"), "in the request's thread");
        } finally {
            backend.stop();
        }
    }

    /** Types a command and returns what schemabot answered through its response_url. */
    private static String say(SlackFixture slack, String user, String text) {
        String path = "say-" + user + "-" + text.replaceAll("[^a-z0-9]", "");
        slack.postSigned(SlackFixture.form(SlackFixture.command(user, SlackFixture.CHANNEL, text, slack.respondUrl(path))));
        return next(slack, r -> r.getUrl().equals("/respond/" + path)
                && !r.getBodyAsString().contains("\"replace_original\":true")).getBodyAsString();
    }

    /** Calls to Slack seen while waiting for another: the checks after a hotfix may be told before its reply. */
    private static final List<Request> PASSED = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The first call to Slack that matches, among those passed over or the next ones; the test's timeout bounds it. */
    private static Request next(SlackFixture slack, Predicate<Request> wanted) {
        for (Request r : PASSED) {
            if (wanted.test(r)) {
                PASSED.remove(r);
                return r;
            }
        }
        while (true) {
            Request r = slack.nextOutbound();
            if (wanted.test(r)) {
                return r;
            }
            PASSED.add(r);
        }
    }

    private static String form(Request r, String field) {
        var value = r.formParameters().get(field);
        return value == null ? "" : value.firstValue();
    }
}
