package io.schemabot.slack;

import io.schemabot.testing.SlackFixture;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import static io.schemabot.testing.SlackFixture.CHANNEL;
import static io.schemabot.testing.SlackFixture.command;
import static io.schemabot.testing.SlackFixture.form;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A flood of rejected requests from one address is answered 429 and costs the log one line, not one per request. */
class SlackRejectionLimitTest {

    @Test
    void afterTheLimitRejectionsAre429AndLoggedOnce_whileSignedRequestsStillPass() throws Exception {
        try (SlackFixture slack = new SlackFixture(); CapturedLog log = new CapturedLog()) {
            String body = form(command("U0ALICE", CHANNEL, "status production", slack.respondUrl("x")));
            Map<String, String> forged = Map.of("X-Slack-Request-Timestamp", String.valueOf(Instant.now().getEpochSecond()),
                    "X-Slack-Signature", "v0=" + "0".repeat(64));
            for (int i = 0; i < RejectedRequests.PER_ADDRESS_PER_MINUTE; i++) {
                assertEquals(401, slack.post(body, "application/x-www-form-urlencoded", forged).statusCode());
            }
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> limited = slack.post(body, "application/x-www-form-urlencoded", forged);
                assertEquals(429, limited.statusCode(), limited.body());
            }
            assertEquals(RejectedRequests.PER_ADDRESS_PER_MINUTE, log.linesContaining("rejected a Slack request").size(),
                    log.text());
            assertEquals(1, log.linesContaining("too many rejected Slack requests from 127.0.0.1").size(), log.text());
            HttpResponse<String> signed = slack.postSigned(form(command("U0ALICE", CHANNEL, "help", slack.respondUrl("x"))));
            assertEquals(200, signed.statusCode(), "Slack itself is never locked out: " + signed.body());
        }
    }
}
