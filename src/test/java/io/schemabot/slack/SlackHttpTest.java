package io.schemabot.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Request;
import io.schemabot.testing.SlackFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import static io.schemabot.testing.SlackFixture.CHANNEL;
import static io.schemabot.testing.SlackFixture.SECRET;
import static io.schemabot.testing.SlackFixture.command;
import static io.schemabot.testing.SlackFixture.form;
import static io.schemabot.testing.SlackFixture.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command's full path: signed request, ack, database work, Block Kit posted to response_url. */
class SlackHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static SlackFixture slack;

    @BeforeAll
    static void start() {
        slack = new SlackFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        slack.close();
    }

    @BeforeEach
    void drain() {
        slack.outbound.clear();
    }

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }

    /** Sends the command, checks the immediate ack, and returns the message later posted to response_url. */
    private JsonNode run(String text, String ackText) {
        String id = "r" + System.nanoTime();
        HttpResponse<String> ack = slack.postSigned(form(command("U0ALICE", CHANNEL, text, slack.respondUrl(id))));
        assertEquals(200, ack.statusCode(), ack.body());
        JsonNode ackJson = json(ack.body());
        assertEquals("ephemeral", ackJson.get("response_type").asText());
        assertEquals(ackText, ackJson.get("text").asText());
        Request posted = slack.nextOutbound();
        assertEquals("/respond/" + id, posted.getUrl());
        return json(posted.getBodyAsString());
    }

    @Test
    void status_namesEachPendingMigrationByVersion() {
        JsonNode message = run("status production", "Checking production…");
        assertEquals("in_channel", message.get("response_type").asText());
        assertEquals("production: version 2, 1 pending", message.at("/blocks/0/text/text").asText());
        assertTrue(message.toString().contains("V3 share links and activity targets"), message.toString());
    }

    @Test
    void status_canBeAskedAgainAsSoonAsItsAnswerIsPosted() {
        run("status production", "Checking production…");
        JsonNode again = run("status production", "Checking production…");
        assertEquals("production: version 2, 1 pending", again.at("/blocks/0/text/text").asText());
    }

    @Test
    void diff_showsTypesAsFormatTypePrintsThem() {
        JsonNode message = run("diff production", "Checking production…");
        assertTrue(message.toString().contains("column id type: uuid → character varying(36)"), message.toString());
        assertTrue(message.toString().contains("table public.admin_activities is missing"));
    }

    @Test
    void preflight_reportsSqlStateAndTheDriftBehindIt() {
        JsonNode message = run("preflight production", "Running preflight on production…");
        String text = message.toString();
        assertTrue(text.contains("42804"), text);
        assertTrue(text.contains("because production has public.documents.id as uuid"), text);
    }

    @Test
    void hotfix_showsHazardsChecksAndTheSql() {
        String respond = "r" + System.nanoTime();
        HttpResponse<String> ack = slack.postSigned(form(command("U0ALICE", CHANNEL, "hotfix production", slack.respondUrl(respond))));
        assertEquals("Planning a hotfix for production…", json(ack.body()).get("text").asText());
        // the request's own message goes to the channel; its proposer is told where it is
        JsonNode message = null;
        String told = null;
        while (message == null || told == null) {
            Request r = slack.nextOutbound();
            if (r.getUrl().equals("/api/chat.postMessage")) {
                message = json("{\"text\":" + JSON.valueToTree(r.formParameters().get("text").firstValue())
                        + ",\"blocks\":" + r.formParameters().get("blocks").firstValue() + "}");
            } else if (r.getUrl().equals("/respond/" + respond)) {
                told = r.getBodyAsString();
            }
        }
        assertTrue(told.contains("is posted in the channel"), told);
        String text = message.toString();
        // with a store, a hotfix is a request: its notification text names it, its buttons carry its id
        String header = message.at("/blocks/0/text/text").asText();
        assertTrue(header.matches("Hotfix request hf-[a-z0-9]{6} for production: hotfix plan .*"), text);
        assertTrue(message.get("text").asText().startsWith("Hotfix request hf-"), text);
        String id = header.split(" ")[2];
        assertTrue(text.contains("\"action_id\":\"schemabot:approve\",\"value\":\"" + id + "\""), text);
        assertTrue(text.contains("TABLE_REWRITE"), text);
        assertTrue(text.contains("ALTER COLUMN id TYPE character varying(36) USING id::text"), text);
        assertTrue(text.contains("ok: 0 rows"), text);
        for (JsonNode block : message.get("blocks")) {
            assertTrue(block.path("text").path("text").asText().length() <= 3000);
        }
    }

    @Test
    void unknownSubcommandIsAnEphemeralUsageReply() {
        HttpResponse<String> response = slack.postSigned(form(command("U0ALICE", CHANNEL, "frobnicate", slack.respondUrl("x"))));
        assertEquals(200, response.statusCode());
        JsonNode body = json(response.body());
        assertEquals("ephemeral", body.get("response_type").asText());
        assertTrue(response.body().contains("usage"), response.body());
        assertTrue(slack.outbound.isEmpty(), "usage is answered in the ack alone");
    }

    @Test
    void unknownTargetAndExtraWordsGetUsage() {
        assertTrue(slack.postSigned(form(command("U0ALICE", CHANNEL, "status prodution", slack.respondUrl("x"))))
                .body().contains("target 'prodution' is not configured; known targets: production"));
        assertTrue(slack.postSigned(form(command("U0ALICE", CHANNEL, "status production now", slack.respondUrl("x"))))
                .body().contains("usage"));
    }

    @Test
    void otherChannelsArePolitelyRefused() {
        HttpResponse<String> response = slack.postSigned(form(command("U0ALICE", "C0RANDOM", "status", slack.respondUrl("x"))));
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("Not here, sorry"), response.body());
        assertTrue(response.body().contains("<#" + CHANNEL + ">"));
        HttpResponse<String> dm = slack.postSigned(form(command("U0ALICE", "D0DIRECT", "hotfix", slack.respondUrl("x"))));
        assertTrue(dm.body().contains("Not here, sorry"), "hotfix is not read-only: " + dm.body());
    }

    @Test
    void badSignatureIs401AndNothingRuns() {
        double acceptedBefore = accepted("status");
        String body = form(command("U0ALICE", CHANNEL, "status production", slack.respondUrl("bad")));
        long ts = Instant.now().getEpochSecond();
        HttpResponse<String> response = slack.post(body, "application/x-www-form-urlencoded",
                Map.of("X-Slack-Request-Timestamp", String.valueOf(ts), "X-Slack-Signature", sign("wrong-secret", ts, body)));
        assertEquals(401, response.statusCode());
        assertEquals(acceptedBefore, accepted("status"), "a request with a bad signature must not be accepted");
        assertTrue(slack.outbound.isEmpty());
    }

    /** Commands the ack path accepted for work: counted before the ack returns, so no waiting is needed. */
    private static double accepted(String verb) {
        String metrics = slack.get("/metrics").body();
        return metrics.lines().filter(l -> l.startsWith("schemabot_commands_total{") && l.contains("outcome=\"accepted\"")
                        && l.contains("verb=\"" + verb + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void staleAndFutureTimestampsAre401EvenWhenSigned() {
        double acceptedBefore = accepted("status");
        String body = form(command("U0ALICE", CHANNEL, "status production", slack.respondUrl("late")));
        for (long offset : new long[] {-6 * 60, 6 * 60}) {
            long ts = Instant.now().getEpochSecond() + offset;
            HttpResponse<String> response = slack.post(body, "application/x-www-form-urlencoded",
                    Map.of("X-Slack-Request-Timestamp", String.valueOf(ts), "X-Slack-Signature", sign(SECRET, ts, body)));
            assertEquals(401, response.statusCode(), "offset " + offset);
        }
        assertEquals(acceptedBefore, accepted("status"));
        assertTrue(slack.outbound.isEmpty());
    }

    @Test
    void missingHeadersNonFormAndOversizedBodiesAreRejected() {
        String body = form(command("U0ALICE", CHANNEL, "status production", slack.respondUrl("x")));
        assertEquals(401, slack.post(body, "application/x-www-form-urlencoded", Map.of()).statusCode());
        long ts = Instant.now().getEpochSecond();
        String json = "{\"type\":\"event_callback\"}";
        assertEquals(400, slack.post(json, "application/json", Map.of("X-Slack-Request-Timestamp", String.valueOf(ts),
                "X-Slack-Signature", sign(SECRET, ts, json))).statusCode());
        String huge = body + "&pad=" + "x".repeat(70_000);
        assertEquals(400, slack.post(huge, "application/x-www-form-urlencoded", Map.of("X-Slack-Request-Timestamp",
                String.valueOf(ts), "X-Slack-Signature", sign(SECRET, ts, huge))).statusCode());
        assertTrue(slack.outbound.isEmpty());
    }

    @Test
    void aRetryDoesNotStartTheWorkAgain() {
        String body = form(command("U0ALICE", CHANNEL, "status production", slack.respondUrl("retry")));
        long ts = Instant.now().getEpochSecond();
        Map<String, String> headers = Map.of("X-Slack-Request-Timestamp", String.valueOf(ts),
                "X-Slack-Signature", sign(SECRET, ts, body));
        assertEquals(200, slack.post(body, "application/x-www-form-urlencoded", headers).statusCode());
        Map<String, String> retry = new java.util.HashMap<>(headers);
        retry.put("X-Slack-Retry-Num", "1");
        retry.put("X-Slack-Retry-Reason", "http_timeout");
        HttpResponse<String> second = slack.post(body, "application/x-www-form-urlencoded", retry);
        assertEquals(200, second.statusCode());
        assertEquals("", second.body(), "the retry is acked without a second reply");
        assertEquals("/respond/retry", slack.nextOutbound().getUrl());
        assertTrue(slack.get("/metrics").body().contains("verb=\"retry\""), "the retry was counted as ignored");
    }

    @Test
    void healthAndMetrics() {
        HttpResponse<String> health = slack.get("/health");
        assertEquals(200, health.statusCode());
        JsonNode h = json(health.body());
        assertEquals("ok", h.get("status").asText(), health.body());
        assertTrue(h.at("/targets/production/reachable").asBoolean());
        assertTrue(h.at("/store/reachable").asBoolean());
        assertTrue(h.has("version"));
        slack.postSigned(form(command("U0ALICE", CHANNEL, "help", slack.respondUrl("x"))));
        HttpResponse<String> metrics = slack.get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("schemabot_slack_ack_seconds"), metrics.body());
    }

    @Test
    void aButtonForAnUnknownRequestIsAnsweredThroughItsResponseUrl() {
        String payload = "{\"type\":\"block_actions\",\"team\":{\"id\":\"T0TEAM\"},\"user\":{\"id\":\"U0BOB\"},"
                + "\"api_app_id\":\"A0APP\",\"token\":\"legacy\",\"trigger_id\":\"t.1\",\"channel\":{\"id\":\"" + CHANNEL + "\"},"
                + "\"response_url\":\"" + slack.respondUrl("button") + "\",\"actions\":[{\"type\":\"button\","
                + "\"action_id\":\"schemabot:approve\",\"block_id\":\"b\",\"value\":\"req-123\",\"action_ts\":\"1700000000.1\"}]}";
        HttpResponse<String> ack = slack.postSigned("payload=" + java.net.URLEncoder.encode(payload, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(200, ack.statusCode(), ack.body());
        Request posted = slack.nextOutbound();
        assertEquals("/respond/button", posted.getUrl());
        assertTrue(posted.getBodyAsString().contains("no longer active"), posted.getBodyAsString());
        // recorded like a command, before its answer was sent
        assertTrue(slack.audit().contains("button:approve null That button is no longer active"), slack.audit().toString());
    }
}
