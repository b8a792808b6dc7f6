package io.schemabot.health;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.schemabot.health.HealthFixture.SlackCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WireMock as the watched service and as Slack: the channel hears once when it breaks, and once when it is back. */
class HealthAlertsTest {
    private final HealthFixture f = new HealthFixture();

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    private HealthMonitor backendMonitor() {
        return f.monitor(f.config(List.of(HealthFixture.http("backend", f.serviceUrl(), Map.of("status", "healthy"))),
                Map.of()));
    }

    /**
     * Checks that fail one round after another (a database going down fails its checks as each comes due) read as
     * one alert: the later one joins it in its thread, and the alert is edited to list both.
     */
    @Test
    void aCheckGoingDownSoonAfterAnother_joinsItsAlert() {
        HealthMonitor monitor = f.monitor(f.config(List.of(
                HealthFixture.http("api", f.serviceUrl(), Map.of("status", "healthy")),
                HealthFixture.http("workers", f.serviceUrl(), Map.of("workers", "ok"))), Map.of()));
        f.serviceAnswers(200, "{\"status\":\"healthy\",\"workers\":\"ok\"}");
        monitor.runRound();
        f.serviceAnswers(200, "{\"status\":\"healthy\",\"workers\":\"stalled\"}");
        monitor.runRound();
        assertEquals(List.of("workers"), monitor.runRound().wentDown());
        HealthFixture.drain(monitor);
        f.clock.advance(Duration.ofMinutes(3));
        f.serviceAnswers(503, "down");
        monitor.runRound();
        assertEquals(List.of("api"), monitor.runRound().wentDown());
        HealthFixture.drain(monitor);

        List<SlackCall> calls = f.slackCalls();
        assertEquals(1, calls.stream().filter(c -> c.method().equals("chat.postMessage") && c.threadTs() == null)
                .count(), calls.toString());
        assertTrue(calls.stream().anyMatch(c -> HealthFixture.ALERT_TS.equals(c.threadTs())
                && c.text().startsWith(":red_circle: Also DOWN now: *api*")), calls.toString());
        SlackCall update = calls.get(calls.size() - 1);
        assertEquals("chat.update", update.method());
        assertTrue(update.text().contains("*workers*") && update.text().contains("*api*"), update.text());
    }

    /** One failure before the monitor was away and one after are not two in a row: nobody is paged for them. */
    @Test
    void failuresFarApartInTime_doNotAddUp() {
        HealthMonitor monitor = backendMonitor();
        f.serviceAnswers(503, "down");
        monitor.runRound();
        f.clock.advance(Duration.ofHours(1)); // no round ran meanwhile
        assertEquals(List.of(), monitor.runRound().wentDown());
        assertEquals(List.of("backend"), monitor.runRound().wentDown(), "two in a row, now");
    }

    /** What a watched service says is quoted, never obeyed: no channel-wide ping, no lost angle brackets. */
    @Test
    void aBodyThatMentionsTheChannel_isQuotedInertly() {
        HealthMonitor monitor = backendMonitor();
        f.serviceAnswers(503, "{\"status\":\"<!channel> down & out\"}");
        monitor.runRound();
        monitor.runRound();
        HealthFixture.drain(monitor);
        String text = f.slackCalls().get(0).text();
        assertFalse(text.contains("<!channel>"), text);
        assertTrue(text.contains("&lt;!channel&gt; down &amp; out"), text);
    }

    @Test
    void twoFailuresMakeOneAlertWithEvidence_oneReminder_oneRecoveryInTheThreadAndTheAlertResolved() {
        HealthMonitor monitor = backendMonitor();
        f.serviceAnswers(200, "{\"status\":\"healthy\"}");
        assertTrue(monitor.runRound().led());
        f.serviceAnswers(503, "{\"status\":\"unhealthy\",\"database_configured\":false}\nupstream timed out");
        monitor.runRound();
        HealthFixture.drain(monitor);
        assertEquals(List.of(), f.slackCalls(), "one failure alone pages nobody");

        HealthMonitor.Round second = monitor.runRound();
        assertEquals(List.of("backend"), second.wentDown());
        monitor.runRound(); // still down: no second alert
        HealthFixture.drain(monitor);
        List<SlackCall> calls = f.slackCalls();
        assertEquals(1, calls.size(), calls.toString());
        SlackCall alert = calls.get(0);
        assertEquals("chat.postMessage", alert.method());
        assertEquals(HealthFixture.CHANNEL, alert.fields().get("channel"));
        assertNull(alert.threadTs());
        assertTrue(alert.text().contains("*backend* is DOWN since"), alert.text());
        assertTrue(alert.text().contains("HTTP 503"), alert.text());
        assertTrue(alert.text().contains("database_configured\":false"), alert.text());
        assertTrue(alert.text().contains("Next: `curl -i " + f.serviceUrl() + "`"), alert.text());

        f.clock.advance(Duration.ofMinutes(31));
        monitor.runRound();
        monitor.runRound(); // one reminder per remindAfter, not per round
        HealthFixture.drain(monitor);
        calls = f.slackCalls();
        assertEquals(2, calls.size(), calls.toString());
        assertEquals(HealthFixture.ALERT_TS, calls.get(1).threadTs());
        assertTrue(calls.get(1).text().contains("Still DOWN after 31 min"), calls.get(1).text());

        f.clock.advance(Duration.ofMinutes(2));
        f.serviceAnswers(200, "{\"status\":\"healthy\"}");
        assertEquals(List.of("backend"), monitor.runRound().recovered());
        monitor.runRound();
        HealthFixture.drain(monitor);
        calls = f.slackCalls();
        assertEquals(4, calls.size(), calls.toString());
        SlackCall recovery = calls.get(2);
        assertEquals("chat.postMessage", recovery.method());
        assertEquals(HealthFixture.ALERT_TS, recovery.threadTs());
        assertTrue(recovery.text().contains("*backend* recovered after 33 min"), recovery.text());
        SlackCall update = calls.get(3);
        assertEquals("chat.update", update.method());
        assertEquals(HealthFixture.ALERT_TS, update.fields().get("ts"));
        assertTrue(update.text().startsWith(":white_check_mark: *Resolved*"), update.text());
        assertTrue(update.text().contains("backend recovered"), update.text());

        CheckState state = monitor.states().get(0);
        assertEquals(CheckState.Status.UP, state.status());
        assertTrue(state.last().healthy());
    }

    @Test
    void blipsAloneSayNothing() {
        HealthMonitor monitor = backendMonitor();
        for (int i = 0; i < 3; i++) {
            f.serviceAnswers(500, "oops");
            monitor.runRound();
            f.serviceAnswers(200, "{\"status\":\"healthy\"}");
            monitor.runRound();
        }
        HealthFixture.drain(monitor);
        assertEquals(List.of(), f.slackCalls());
        assertEquals(CheckState.Status.UP, monitor.states().get(0).status());
    }

    @Test
    void aJsonFieldThatDiffersIsTheEvidence() {
        HealthMonitor monitor = backendMonitor();
        f.serviceAnswers(200, "{\"status\":\"degraded\"}");
        monitor.runRound();
        monitor.runRound();
        HealthFixture.drain(monitor);
        String text = f.slackCalls().get(0).text();
        assertTrue(text.contains("status is degraded (expected healthy)"), text);
    }

    @Test
    void checksThatFailTogetherShareOneAlert_andEachRecoveryIsSaidInItsThread() {
        HealthMonitor monitor = f.monitor(f.config(List.of(
                HealthFixture.http("backend", f.serviceUrl(), Map.of()),
                HealthFixture.http("api", f.service.baseUrl() + "/api/health", Map.of())), Map.of()));
        f.serviceAnswers(500, "down");
        monitor.runRound();
        assertEquals(List.of("backend", "api"), monitor.runRound().wentDown());
        HealthFixture.drain(monitor);
        List<SlackCall> calls = f.slackCalls();
        assertEquals(1, calls.size(), calls.toString());
        assertTrue(calls.get(0).text().startsWith(":red_circle: 2 checks are DOWN: *backend*, *api*"), calls.get(0).text());

        f.serviceAnswers(200, "{}");
        assertEquals(List.of("backend"), monitor.runRound().recovered());
        HealthFixture.drain(monitor);
        calls = f.slackCalls();
        assertEquals(3, calls.size(), calls.toString());
        assertEquals(HealthFixture.ALERT_TS, calls.get(1).threadTs());
        assertTrue(calls.get(1).text().contains("*backend* recovered"), calls.get(1).text());
        assertTrue(calls.get(2).text().contains("backend recovered; still DOWN: api"), calls.get(2).text());
    }

    @Test
    void stateAndLatencyAreGauges() {
        HealthMonitor monitor = backendMonitor();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        monitor.bindTo(registry);
        f.serviceAnswers(500, "down");
        monitor.runRound();
        monitor.runRound();
        assertEquals(0.0, registry.get("schemabot.health.up").tag("check", "backend").gauge().value());
        assertTrue(registry.get("schemabot.health.latency").tag("check", "backend").gauge().value() > 0);
        f.serviceAnswers(200, "{\"status\":\"healthy\"}");
        monitor.runRound();
        assertEquals(1.0, registry.get("schemabot.health.up").tag("check", "backend").gauge().value());
    }

    @Test
    void checkNowRunsATargetsChecksWithoutChangingState() {
        var backend = new io.schemabot.config.Config.HealthCheck("backend",
                io.schemabot.config.Config.HealthCheck.CheckType.HTTP, f.serviceUrl(), "production",
                Duration.ofSeconds(30), Duration.ofSeconds(5), 2, 1, 200, Map.of(), HealthFixture.CHANNEL, Duration.ZERO);
        HealthMonitor monitor = f.monitor(f.config(List.of(backend), Map.of("production",
                new io.schemabot.config.Config.Target("production", f.storeDb.jdbcUrl(), null, null, null))));
        f.serviceAnswers(200, "{}");
        Map<String, CheckResult> results = monitor.checkNow("production");
        assertEquals(List.of("backend"), List.copyOf(results.keySet()));
        assertTrue(results.get("backend").healthy());
        assertTrue(results.get("backend").summary().startsWith("HTTP 200 in "), results.get("backend").summary());
        assertFalse(monitor.states().get(0).last() != null);
        assertEquals(Map.of(), monitor.checkNow("staging"));
    }

    @Test
    void startedMonitorRunsItsChecksOnItsOwn() throws Exception {
        HealthMonitor monitor = backendMonitor();
        f.serviceAnswers(200, "{\"status\":\"healthy\"}");
        monitor.start();
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (monitor.states().get(0).last() == null && System.nanoTime() < end) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // polls a bounded condition
        }
        assertTrue(monitor.states().get(0).last().healthy());
        assertTrue(monitor.leading());
    }
}
