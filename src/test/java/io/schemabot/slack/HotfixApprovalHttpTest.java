package io.schemabot.slack;

import com.github.tomakehurst.wiremock.http.Request;
import io.schemabot.testing.SlackFixture;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The incident end to end, over signed HTTP with WireMock as Slack: proposed, refused where it must be, approved
 * by two others, executed exactly once by 20 clicks on two bot replicas sharing one store, and proven.
 */
class HotfixApprovalHttpTest {
    private static final Pattern ID = Pattern.compile("Hotfix request (hf-[a-z0-9]{6})");

    @Test
    void proposeApproveAndExecuteOnce_overTwoReplicas() throws Exception {
        try (SlackFixture slack = new SlackFixture()) {
            String id = propose(slack);

            assertTrue(say(slack, "U0ALICE", "approve " + id).contains("you proposed this request"));
            String outsider = say(slack, "U0EVE", "approve " + id);
            assertTrue(outsider.contains("Not approved"), outsider);

            // a forged click (signed with another secret) does nothing at all
            String forged = slack.click("U0LEAD1", "approve", id, "forged");
            long ts = Instant.now().getEpochSecond();
            HttpResponse<String> refused = slack.post(forged, "application/x-www-form-urlencoded", Map.of(
                    "X-Slack-Request-Timestamp", String.valueOf(ts), "X-Slack-Signature", SlackFixture.sign("wrong", ts, forged)));
            assertEquals(401, refused.statusCode());

            assertEquals(200, slack.postSigned(slack.click("U0LEAD1", "approve", id, "lead1")).statusCode());
            String first = answer(slack, "/respond/lead1");
            assertTrue(first.contains("1 of 2 approvals"), first);
            String second = say(slack, "U0LEAD2", "approve " + id);
            assertTrue(second.contains("2 of 2 approvals"), second);
            // the channel's message for the request shows its state, and each approval is a reply in its thread
            assertTrue(SEEN.stream().anyMatch(r -> r.getUrl().equals("/api/chat.postMessage")
                    && form(r, "text").startsWith("Hotfix request " + id)), "the request was posted in the channel");
            assertTrue(SEEN.stream().anyMatch(r -> r.getUrl().equals("/api/chat.update")
                    && form(r, "blocks").contains("approvals 2 of 2")), "its message shows both approvals");
            assertTrue(SEEN.stream().filter(r -> r.getUrl().equals("/api/chat.postMessage")
                    && "1.2".equals(form(r, "thread_ts"))).count() >= 2, "each approval is said in its thread");
            assertTrue(SEEN.stream().anyMatch(r -> "1.2".equals(form(r, "thread_ts"))
                    && form(r, "text").startsWith("U0ALICE: Not approved")), "and so is each refusal");

            // 20 Execute clicks at once, spread over two replicas that share the store
            String replica = slack.replicaUrl();
            ExecutorService clickers = Executors.newFixedThreadPool(20);
            List<Future<HttpResponse<String>>> acks = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String base = i % 2 == 0 ? slack.baseUrl() : replica;
                String body = slack.click(i % 2 == 0 ? "U0LEAD1" : "U0LEAD2", "execute", id, "exec" + i);
                acks.add(clickers.submit(() -> slack.postSignedTo(base, body)));
            }
            for (Future<HttpResponse<String>> ack : acks) {
                assertEquals(200, ack.get().statusCode());
            }
            clickers.shutdown();
            List<String> outcomes = new ArrayList<>();
            while (outcomes.size() < 20) {
                Request r = slack.nextOutbound();
                if (r.getUrl().startsWith("/respond/exec")) {
                    outcomes.add(r.getBodyAsString());
                } else {
                    SEEN.add(r);
                }
            }
            List<String> executed = outcomes.stream().filter(o -> o.contains("executed: production repaired")).toList();
            assertEquals(1, executed.size(), outcomes.toString());
            assertTrue(executed.get(0).contains("drift: none"), executed.get(0));
            assertTrue(executed.get(0).contains("checksum equal"), executed.get(0));
            assertEquals(19, outcomes.stream().filter(o -> o.contains("Not executed")).count(), outcomes.toString());
            // the channel saw it start, once, before its outcome: the message lost its buttons while it ran
            List<Request> thread = SEEN.stream().filter(r -> r.getUrl().equals("/api/chat.postMessage")
                    && "1.2".equals(form(r, "thread_ts"))).toList();
            List<Integer> started = new ArrayList<>();
            for (int i = 0; i < thread.size(); i++) {
                if (form(thread.get(i), "text").contains("started executing hotfix request " + id)) {
                    started.add(i);
                }
            }
            assertEquals(1, started.size(), "one run started");
            assertTrue(SEEN.stream().anyMatch(r -> r.getUrl().equals("/api/chat.update")
                    && form(r, "blocks").contains("executing") && !form(r, "blocks").contains("schemabot:approve")),
                    "the message shows it executing, without buttons");

            String preflight = say(slack, "U0ALICE", "preflight production");
            assertTrue(preflight.contains("the 1 pending migration applies"), preflight);
            assertEquals(1, slack.production.queryLong("SELECT count(*) FROM information_schema.columns WHERE"
                    + " table_name = 'documents' AND column_name = 'id' AND data_type = 'character varying'"));
        }
    }

    private static String propose(SlackFixture slack) {
        String proposal = say(slack, "U0ALICE", "hotfix production");
        Matcher m = ID.matcher(proposal);
        assertTrue(m.find(), proposal);
        return m.group(1);
    }

    /** Types a command and returns what schemabot answered through its response_url. */
    private static String say(SlackFixture slack, String user, String text) {
        String path = "say-" + user + "-" + text.replaceAll("[^a-z0-9]", "");
        slack.postSigned(SlackFixture.form(SlackFixture.command(user, SlackFixture.CHANNEL, text, slack.respondUrl(path))));
        return answer(slack, "/respond/" + path);
    }

    private static String form(Request r, String field) {
        var value = r.formParameters().get(field);
        return value == null ? "" : value.firstValue();
    }

    /** Everything else schemabot sent to Slack meanwhile: the request's message, its updates and its thread. */
    private static final List<Request> SEEN = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static String answer(SlackFixture slack, String url) {
        while (true) {
            Request r = slack.nextOutbound();
            if (r.getUrl().equals(url) && !r.getBodyAsString().contains("\"replace_original\":true")) {
                return r.getBodyAsString();
            }
            SEEN.add(r);
        }
    }
}
