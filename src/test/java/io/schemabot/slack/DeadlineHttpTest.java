package io.schemabot.slack;

import com.github.tomakehurst.wiremock.http.Request;
import io.schemabot.config.Config;
import io.schemabot.testing.SilentServer;
import io.schemabot.testing.SlackFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A target that stops answering costs its askers the deadline and nobody else anything. */
class DeadlineHttpTest {
    @Test
    @Timeout(180)
    void aHungTargetAnswersByTheDeadline_andCommandsForOtherTargetsGoOn() throws Exception {
        try (SilentServer hung = new SilentServer()) {
            // its login limit is far beyond the deadline: only the deadline can answer in time
            Config.Target stuck = new Config.Target("stuck", hung.url("loginTimeout=120"), "classpath:demo/migrations", null, null);
            try (SlackFixture slack = new SlackFixture(Map.of("stuck", stuck), new Config.Commands(Duration.ofSeconds(1), 1, Duration.ofMinutes(1)))) {
                // more commands on the hung target than it has workers, and more than the bot has workers at all
                for (String user : List.of("U0A", "U0B", "U0C", "U0D")) {
                    String body = SlackFixture.form(SlackFixture.command(user, SlackFixture.CHANNEL, "diff stuck",
                            slack.respondUrl("stuck-" + user)));
                    assertTrue(slack.postSigned(body).body().contains("Checking stuck"));
                }
                slack.postSigned(SlackFixture.form(SlackFixture.command("U0E", SlackFixture.CHANNEL, "status production",
                        slack.respondUrl("production"))));

                Map<String, String> answers = new HashMap<>();
                while (answers.size() < 5) {
                    Request r = slack.nextOutbound();
                    answers.put(r.getUrl(), r.getBodyAsString());
                }
                assertTrue(answers.get("/respond/production").contains("production: version 2"),
                        "the healthy target was answered while the hung one held its own worker: " + answers);
                for (String user : List.of("U0A", "U0B", "U0C", "U0D")) {
                    String answer = answers.get("/respond/stuck-" + user);
                    assertTrue(answer.contains("stuck did not answer within 1 s; nothing changed"), answer);
                    assertFalse(answer.contains("hunter22"), answer);
                }
                // each answer was recorded before it was sent. How many of the four got the worker before their own
                // deadline depends on when each was freed; at least the first did, none more than once
                List<String> audit = slack.audit();
                long started = audit.stream().filter(a -> a.equals("diff stuck started")).count();
                assertTrue(started >= 1 && started <= 4, audit.toString());
                assertEquals(4, audit.stream().filter(a -> a.equals("diff stuck stuck did not answer within 1 s; nothing changed"))
                        .count(), audit.toString());
                assertTrue(audit.contains("status production started"), audit.toString());
            }
        }
    }
}
