package io.schemabot.slack;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.schemabot.chat.Reply;
import io.schemabot.testing.SlackStubs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Delivery paths, against WireMock as Slack: response_url, its 5-use limit, chat.postMessage, file upload. */
class SlackResponderTest {
    private final WireMockServer slack = new WireMockServer(options().dynamicPort());
    private SlackResponder responder;

    @BeforeEach
    void start() {
        slack.start();
        SlackStubs.install(slack);
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slack.baseUrl() + "/api/");
        responder = new SlackResponder(Slack.getInstance(config), "xoxb-test");
    }

    @AfterEach
    void stop() {
        slack.stop();
    }

    @Test
    void afterFiveUsesOfAResponseUrlRepliesGoToTheChannel() {
        BlockKit.Rendered message = BlockKit.render(Reply.inChannel("hello").build());
        for (int i = 0; i < 6; i++) {
            responder.send(slack.baseUrl() + "/respond/one", "C0OPS", "U0ALICE", message);
        }
        slack.verify(5, postRequestedFor(urlPathEqualTo("/respond/one")));
        slack.verify(1, postRequestedFor(urlPathEqualTo("/api/chat.postMessage")));
        LoggedRequest post = slack.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))).get(0);
        assertTrue(post.getBodyAsString().contains("channel=C0OPS"), post.getBodyAsString());
        assertTrue(post.getHeader("Authorization").endsWith("xoxb-test"));
    }

    @Test
    void aFailingResponseUrlFallsBackToTheChannel() {
        slack.stubFor(WireMock.post(urlPathEqualTo("/respond/gone")).willReturn(WireMock.status(404)));
        responder.send(slack.baseUrl() + "/respond/gone", "C0OPS", "U0ALICE", BlockKit.render(Reply.inChannel("x").build()));
        slack.verify(1, postRequestedFor(urlPathEqualTo("/api/chat.postMessage")));
    }

    @Test
    void anEphemeralReplyThatCannotUseItsResponseUrlStaysPrivate() {
        slack.stubFor(WireMock.post(urlPathEqualTo("/respond/gone")).willReturn(WireMock.status(404)));
        slack.stubFor(WireMock.post(urlPathEqualTo("/api/chat.postEphemeral")).willReturn(
                WireMock.okJson("{\"ok\":true}")));
        responder.send(slack.baseUrl() + "/respond/gone", "C0OPS", "U0ALICE", BlockKit.render(Reply.ephemeral("only you").build()));
        slack.verify(1, postRequestedFor(urlPathEqualTo("/api/chat.postEphemeral")));
        slack.verify(0, postRequestedFor(urlPathEqualTo("/api/chat.postMessage")));
        assertTrue(slack.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postEphemeral"))).get(0)
                .getBodyAsString().contains("user=U0ALICE"));
    }

    @Test
    void longSqlIsUploadedWithTheTwoStepFileApi() {
        String sql = "SELECT 1;\n".repeat(2000);
        responder.send(slack.baseUrl() + "/respond/two", "C0OPS", "U0ALICE",
                BlockKit.render(Reply.inChannel("plan").code("hotfix.sql", sql).build()));
        slack.verify(1, postRequestedFor(urlPathEqualTo("/respond/two")));
        slack.verify(1, postRequestedFor(urlPathEqualTo("/api/files.getUploadURLExternal")));
        List<LoggedRequest> uploads = slack.findAll(postRequestedFor(urlPathEqualTo("/upload/F1")));
        assertEquals(1, uploads.size());
        assertTrue(uploads.get(0).getBodyAsString().contains("SELECT 1;"));
        slack.verify(1, postRequestedFor(urlPathEqualTo("/api/files.completeUploadExternal")));
    }
}
