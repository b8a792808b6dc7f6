package io.schemabot.approval;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.schemabot.approval.RequestStore.OPS;
import static io.schemabot.approval.RequestStore.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Approvers listed by user id and by Slack user group, the groups read from WireMock standing in for Slack. */
class ApproversTest {
    private static final String LIST = "/api/usergroups.users.list";
    private final WireMockServer slack = new WireMockServer(options().dynamicPort());
    private final MethodsClient methods;

    ApproversTest() {
        slack.start();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slack.baseUrl() + "/api/");
        methods = Slack.getInstance(config).methods("xoxb-test");
        group("S0LEADS", okJson("{\"ok\":true,\"users\":[\"U0GRP1\",\"U0GRP2\"]}"));
        group("S0GONE", okJson("{\"ok\":false,\"error\":\"no_such_subteam\"}"));
        group("S0DOWN", serverError());
    }

    private void group(String id, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        slack.stubFor(WireMock.post(urlPathEqualTo(LIST)).withRequestBody(containing("usergroup=" + id)).willReturn(answer));
    }

    @AfterEach
    void stopSlack() {
        slack.stop();
    }

    @Test
    void groupMembers_approve_andTheGroupIsReadOncePerFiveMinutes() {
        Approvers approvers = new Approvers(List.of("U0LEAD1", "S0LEADS"), methods);

        assertTrue(approvers.includes("U0GRP1"));
        assertTrue(approvers.includes("U0GRP2"));
        assertTrue(approvers.includes("U0LEAD1"));
        assertFalse(approvers.includes("U0INTERN"));
        slack.verify(1, postRequestedFor(urlPathEqualTo(LIST)));
    }

    @Test
    void aGroupSlackWillNotName_approvesNobody_andIsAskedAgainNextTime() {
        Approvers approvers = new Approvers(List.of("U0LEAD1", "S0GONE", "S0DOWN"), methods);

        assertFalse(approvers.includes("U0GRP1"));
        assertFalse(approvers.includes("U0GRP1"));
        assertTrue(approvers.includes("U0LEAD1"));
        slack.verify(4, postRequestedFor(urlPathEqualTo(LIST)));
    }

    @Test
    void groupsWithoutSlack_approveNobody() {
        Approvers approvers = new Approvers(List.of("S0LEADS"), null);

        assertFalse(approvers.includes("U0GRP1"));
    }

    @Test
    void requests_countAGroupMembersApproval_andRefuseAnUnreadableGroupsMember() {
        try (RequestStore store = new RequestStore()) {
            HotfixRequests readable = store.requests(new Approvers(List.of("S0LEADS"), methods));
            HotfixRequests unreadable = store.requests(new Approvers(List.of("S0GONE"), methods));
            HotfixRequest r = readable.propose(plan("hash-1"));

            Decision member = readable.approve(r.id(), "U0GRP1", OPS, "hash-1");
            Decision refused = unreadable.approve(r.id(), "U0GRP2", OPS, "hash-1");

            assertTrue(member.accepted());
            assertFalse(refused.accepted());
            assertEquals("you are not one of the approvers (approval.approvers), so your approval does not count",
                    refused.message());
            assertEquals(List.of("U0GRP1"), readable.find(r.id()).orElseThrow().approvers());
        }
    }
}
