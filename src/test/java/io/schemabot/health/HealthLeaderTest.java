package io.schemabot.health;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.schemabot.health.HealthFixture.SlackCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replicas sharing one store: one leader, one alert, and a takeover that neither repeats it nor loses its thread. */
class HealthLeaderTest {
    private final HealthFixture f = new HealthFixture();

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    private io.schemabot.config.Config config() {
        return f.config(List.of(HealthFixture.http("backend", f.serviceUrl(), Map.of())), Map.of());
    }

    @Test
    void oneLeaderOneAlert_theLeaderStopped_theOtherTakesOverAndRecoversInTheSameThread() {
        HealthMonitor a = f.monitor(config());
        HealthMonitor b = f.monitor(config());
        f.serviceAnswers(500, "down");
        for (int i = 0; i < 3; i++) {
            assertTrue(a.runRound().led());
            assertFalse(b.runRound().led());
        }
        HealthFixture.drain(a, b);
        assertEquals(1, f.slackCalls().size(), f.slackCalls().toString());
        assertEquals(CheckState.Status.DOWN, b.states().get(0).status(), "a follower reads the leader's states");

        a.close();
        assertTrue(b.runRound().led());
        assertTrue(b.runRound().led());
        HealthFixture.drain(b);
        assertEquals(1, f.slackCalls().size(), "the new leader does not alert again");

        f.serviceAnswers(200, "{}");
        assertEquals(List.of("backend"), b.runRound().recovered());
        HealthFixture.drain(b);
        List<SlackCall> calls = f.slackCalls();
        assertEquals(3, calls.size(), calls.toString());
        assertEquals(HealthFixture.ALERT_TS, calls.get(1).threadTs());
        assertTrue(calls.get(1).text().contains("*backend* recovered"), calls.get(1).text());
        assertEquals("chat.update", calls.get(2).method());
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aLeaderWhoseSessionDiesIsReplaced_andNoLongerSpeaks() {
        HealthMonitor a = f.monitor(config());
        HealthMonitor b = f.monitor(config());
        f.serviceAnswers(200, "{}");
        assertTrue(a.runRound().led());
        assertFalse(b.runRound().led());
        // the leader's store session ends as if its host died: PostgreSQL frees the lock with it
        f.storeDb.exec("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
        // the backend ends, and its lock with it, a moment after it is told to: wait for that (bounded by @Timeout)
        while (f.storeDb.queryLong("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database ="
                + " (SELECT oid FROM pg_database WHERE datname = current_database())") > 0) {
            Thread.onSpinWait();
        }
        assertTrue(b.runRound().led());
        assertFalse(a.runRound().led());
        f.serviceAnswers(500, "down");
        b.runRound();
        a.runRound();
        b.runRound();
        a.runRound();
        HealthFixture.drain(a, b);
        assertEquals(1, f.slackCalls().size(), f.slackCalls().toString());
    }

    @Test
    void aRestartKeepsTheStateAndTheThread() throws Exception {
        HealthMonitor first = f.monitor(config());
        f.serviceAnswers(500, "down");
        first.runRound();
        first.runRound();
        HealthFixture.drain(first);
        first.close();

        HealthMonitor restarted = f.monitor(config());
        restarted.runRound();
        f.serviceAnswers(200, "{}");
        restarted.runRound();
        HealthFixture.drain(restarted);
        List<SlackCall> calls = f.slackCalls();
        assertEquals(3, calls.size(), calls.toString());
        assertEquals(HealthFixture.ALERT_TS, calls.get(1).threadTs());
    }

    @Test
    void slackAnswering429WithRetryAfterIsWaitedFor_andTheAlertArrivesOnce() {
        f.slack.stubFor(WireMock.post(urlPathEqualTo("/api/chat.postMessage")).inScenario("busy")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("calm")
                .willReturn(WireMock.aResponse().withStatus(429).withHeader("Retry-After", "2")
                        .withBody("{\"ok\":false,\"error\":\"ratelimited\"}")));
        f.slack.stubFor(WireMock.post(urlPathEqualTo("/api/chat.postMessage")).inScenario("busy")
                .whenScenarioStateIs("calm")
                .willReturn(okJson("{\"ok\":true,\"ts\":\"" + HealthFixture.ALERT_TS + "\"}")));
        HealthMonitor monitor = f.monitor(config());
        f.serviceAnswers(500, "down");
        monitor.runRound();
        monitor.runRound();
        HealthFixture.drain(monitor);
        List<LoggedRequest> posts = f.slack.findAll(WireMock.postRequestedFor(urlPathEqualTo("/api/chat.postMessage")))
                .stream().sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
        assertEquals(2, posts.size(), "one refused, one taken");
        long waited = posts.get(1).getLoggedDate().getTime() - posts.get(0).getLoggedDate().getTime();
        assertTrue(waited >= 2000, "the retry came " + waited + " ms after the 429, before its Retry-After");
    }

    @Test
    void aSlackOutageIsRetried_andNeverStopsTheChecks() {
        f.slack.stubFor(WireMock.post(urlPathEqualTo("/api/chat.postMessage")).inScenario("outage")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("back")
                .willReturn(WireMock.aResponse().withStatus(503)));
        f.slack.stubFor(WireMock.post(urlPathEqualTo("/api/chat.postMessage")).inScenario("outage")
                .whenScenarioStateIs("back")
                .willReturn(okJson("{\"ok\":true,\"ts\":\"" + HealthFixture.ALERT_TS + "\"}")));
        HealthMonitor monitor = f.monitor(config());
        f.serviceAnswers(500, "down");
        monitor.runRound();
        monitor.runRound();
        assertTrue(monitor.runRound().led(), "rounds go on while Slack is retried");
        HealthFixture.drain(monitor);
        assertEquals(2, f.slack.findAll(WireMock.postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))).size());
    }

    /**
     * A leader stopped while Slack refused its recovery message: the recovery is in the store, not only in the dead
     * leader's queue, so the next leader says it, in the alert's thread, once.
     */
    @Test
    void aRecoveryTheLeaderCouldNotSend_isSentByTheNextLeader() {
        f.slack.stubFor(WireMock.post(urlPathEqualTo("/api/chat.postMessage"))
                .withRequestBody(WireMock.containing("thread_ts")).atPriority(1)
                .willReturn(WireMock.aResponse().withStatus(503)));
        HealthMonitor first = f.monitor(config());
        HealthMonitor second = f.monitor(config());
        f.serviceAnswers(500, "down");
        first.runRound();
        first.runRound();
        HealthFixture.drain(first);
        f.serviceAnswers(200, "{\"status\":\"healthy\"}");
        assertEquals(List.of("backend"), first.runRound().recovered());
        first.close(); // gives its queue a few seconds, while Slack still refuses the reply
        assertEquals(1, f.storeDb.queryLong("SELECT count(*) FROM schemabot.health_message"
                + " WHERE sent_at IS NULL AND kind = 'reply'"), "the recovery waits in the store");

        f.slack.resetMappings();
        f.slack.stubFor(WireMock.post(urlPathEqualTo("/api/chat.postMessage"))
                .willReturn(okJson("{\"ok\":true,\"ts\":\"" + HealthFixture.ALERT_TS + "\"}")));
        f.slack.stubFor(WireMock.post(urlPathEqualTo("/api/chat.update"))
                .willReturn(okJson("{\"ok\":true,\"ts\":\"" + HealthFixture.ALERT_TS + "\"}")));
        assertTrue(second.runRound().led());
        HealthFixture.drain(second);

        assertEquals(0, f.storeDb.queryLong("SELECT count(*) FROM schemabot.health_message WHERE sent_at IS NULL"));
        List<SlackCall> recoveries = f.slackCalls().stream().filter(c -> c.text().contains("recovered after")).toList();
        SlackCall last = recoveries.get(recoveries.size() - 1);
        assertEquals(HealthFixture.ALERT_TS, last.threadTs());
        assertEquals(1, f.slackCalls().stream().filter(c -> c.method().equals("chat.postMessage")
                && c.text().contains("is DOWN")).count(), "the alert itself was said once");
    }
}
