package io.schemabot.slack;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.slack.api.bolt.util.SlackRequestParser;
import io.schemabot.testing.SlackFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.schemabot.testing.SlackFixture.CHANNEL;
import static io.schemabot.testing.SlackFixture.SECRET;
import static io.schemabot.testing.SlackFixture.command;
import static io.schemabot.testing.SlackFixture.form;
import static io.schemabot.testing.SlackFixture.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing a caller sends reaches the log: an unsigned request is turned away before its body is parsed and leaves
 * one line without its body; a signed one's body is not logged either.
 */
class SlackRejectedRequestsTest {
    private static final String FORM = "application/x-www-form-urlencoded";
    /** A forged log line an attacker hopes to see in the operator's log. */
    private static final String FORGED = "15:00:00.000 ERROR i.s.chat.CommandRouter - approved hotfix by UMALLORY";
    static SlackFixture slack;
    private CapturedLog log;

    @BeforeAll
    static void start() {
        slack = new SlackFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        slack.close();
    }

    @BeforeEach
    void capture() {
        log = new CapturedLog();
    }

    @AfterEach
    void release() {
        log.close();
    }

    private static Map<String, String> signedNowWith(String signature) {
        return Map.of("X-Slack-Request-Timestamp", String.valueOf(Instant.now().getEpochSecond()),
                "X-Slack-Signature", signature);
    }

    private static int size(String body) {
        return body.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void anUnsignedBodyWithAForgedLogLineNeverReachesTheLog_itsRejectionIsOneLineWithoutIt() {
        for (String body : List.of("command=&text=hi%0A" + FORGED.replace(" ", "+"), "command=&text=hi\n" + FORGED)) {
            HttpResponse<String> response = slack.post(body, FORM, signedNowWith("v0=" + "0".repeat(64)));
            assertEquals(401, response.statusCode(), response.body());
            assertFalse(log.text().contains("UMALLORY"), "the body reached the log:\n" + log.text());
            assertEquals(List.of(), log.lines().stream().filter(l -> l.startsWith("15:00:00.000")).toList());
        }
        List<String> rejections = log.linesContaining("rejected a Slack request");
        assertEquals(2, rejections.size(), log.text());
        String first = rejections.get(0);
        assertTrue(first.contains("bad signature"), first);
        assertTrue(first.contains("from 127.0.0.1"), first);
        String body = "command=&text=hi%0A" + FORGED.replace(" ", "+");
        assertTrue(first.contains(size(body) + " bytes"), first);
    }

    @Test
    void everyRejectionIsLoggedAsOneLineWithReasonAddressAndSize() {
        String body = form(command("U0ALICE", CHANNEL, "status production " + FORGED, slack.respondUrl("x")));
        assertEquals(401, slack.post(body, FORM, Map.of()).statusCode());
        assertEquals(401, slack.post(body, FORM, Map.of("X-Slack-Request-Timestamp", "soon",
                "X-Slack-Signature", "v0=1")).statusCode());
        assertEquals(400, slack.post(body, "text/plain", Map.of()).statusCode());
        List<String> rejections = log.linesContaining("rejected a Slack request");
        assertEquals(3, rejections.size(), log.text());
        assertTrue(rejections.get(0).contains("missing Slack signature headers"), rejections.get(0));
        assertTrue(rejections.get(1).contains("bad timestamp"), rejections.get(1));
        assertTrue(rejections.get(2).contains("expected a form body"), rejections.get(2));
        rejections.forEach(line -> assertTrue(line.contains("from 127.0.0.1, " + size(body) + " bytes"), line));
        assertFalse(log.text().contains("UMALLORY"), log.text());
    }

    @Test
    void aSignedRequestsBodyIsNotLoggedEither() {
        // signed, but no request Bolt knows: Bolt's parser would log it whole
        String odd = "command=&text=hi%0A" + FORGED.replace(" ", "+");
        long ts = Instant.now().getEpochSecond();
        HttpResponse<String> rejected = slack.post(odd, FORM, Map.of("X-Slack-Request-Timestamp", String.valueOf(ts),
                "X-Slack-Signature", sign(SECRET, ts, odd)));
        assertEquals(400, rejected.statusCode(), rejected.body());
        // signed and handled: a command whose text carries the forged line
        HttpResponse<String> handled = slack.postSigned(form(command("U0ALICE", CHANNEL, "frobnicate\n" + FORGED,
                slack.respondUrl("x"))));
        assertEquals(200, handled.statusCode(), handled.body());
        assertFalse(log.text().contains("UMALLORY"), log.text());
        List<String> rejections = log.linesContaining("rejected a Slack request");
        assertEquals(1, rejections.size(), log.text());
        assertTrue(rejections.get(0).contains("not a Slack request schemabot handles"), rejections.get(0));
    }

    /** The test above runs with logback-test.xml; what ships must silence Bolt's parser just the same. */
    @Test
    void theShippedLogConfigurationKeepsBoltsParserFromLoggingBodies() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(SlackEndpoint.class.getResource("/logback.xml"));
        assertFalse(context.getLogger(SlackRequestParser.class).isErrorEnabled());
        assertTrue(context.getLogger(SlackEndpoint.class).isWarnEnabled(), "the rest still logs");
    }
}
