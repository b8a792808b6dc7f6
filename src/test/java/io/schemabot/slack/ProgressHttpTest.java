package io.schemabot.slack;

import com.github.tomakehurst.wiremock.http.Request;
import io.schemabot.config.Config;
import io.schemabot.testing.SlackFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A long preflight shows where it is in place of its "Running preflight…" message, then answers as usual. */
class ProgressHttpTest {
    @Test
    void preflightReplacesItsAckWithItsPhases_atMostThreeTimes_beforeItsAnswer() throws Exception {
        // every phase is "long" here, so that the test sees them without waiting
        try (SlackFixture slack = new SlackFixture(Map.of(), new Config.Commands(Duration.ofMinutes(5), 2, Duration.ZERO))) {
            slack.postSigned(SlackFixture.form(SlackFixture.command("U0A", SlackFixture.CHANNEL, "preflight production",
                    slack.respondUrl("preflight"))));
            List<String> posts = new ArrayList<>();
            String answer;
            while (true) {
                Request r = slack.nextOutbound();
                assertEquals("/respond/preflight", r.getUrl());
                if (!r.getBodyAsString().contains("\"replace_original\":true")) {
                    answer = r.getBodyAsString();
                    break;
                }
                posts.add(r.getBodyAsString());
            }
            assertEquals(CommandDelivery.MOST, posts.size(), posts.toString());
            assertTrue(posts.get(0).contains("Running preflight on production… reading the Flyway history"), posts.get(0));
            assertTrue(posts.get(2).contains("Running preflight on production… "), posts.get(2));
            assertTrue(answer.contains("production: preflight"), answer);
        }
    }
}
