package io.schemabot.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/** WireMock answering as Slack does: response_url, chat.postMessage and the two-step file upload. */
public final class SlackStubs {
    private SlackStubs() {
    }

    public static void install(WireMockServer slack) {
        slack.stubFor(WireMock.post(urlPathMatching("/respond/.*")).willReturn(okJson("{}")));
        slack.stubFor(WireMock.post(urlPathEqualTo("/api/chat.postMessage")).willReturn(okJson("{\"ok\":true,\"ts\":\"1.2\"}")));
        slack.stubFor(WireMock.post(urlPathEqualTo("/api/chat.update")).willReturn(okJson("{\"ok\":true,\"ts\":\"1.2\"}")));
        slack.stubFor(WireMock.post(urlPathEqualTo("/api/files.getUploadURLExternal")).willReturn(okJson(
                "{\"ok\":true,\"upload_url\":\"" + slack.baseUrl() + "/upload/F1\",\"file_id\":\"F1\"}")));
        slack.stubFor(WireMock.post(urlPathEqualTo("/upload/F1")).willReturn(okJson("{}")));
        slack.stubFor(WireMock.post(urlPathEqualTo("/api/files.completeUploadExternal")).willReturn(okJson(
                "{\"ok\":true,\"files\":[{\"id\":\"F1\",\"title\":\"x\"}]}")));
    }
}
