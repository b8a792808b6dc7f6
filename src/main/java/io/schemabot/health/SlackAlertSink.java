package io.schemabot.health;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/**
 * Alerts through Slack's Web API (chat.postMessage, chat.update). Slack's answers are sorted for the queue: a 429
 * waits for its Retry-After, a 5xx or a network failure is tried again, anything else is refused for good.
 */
public final class SlackAlertSink implements AlertSink {
    /** Errors Slack answers with HTTP 200 that pass by themselves. */
    private static final Set<String> PASSING = Set.of("ratelimited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout");

    private final MethodsClient methods;

    public SlackAlertSink(MethodsClient methods) {
        this.methods = methods;
    }

    @Override
    public Sent post(String channel, String threadTs, String text) {
        return call(() -> methods.chatPostMessage(r -> r.channel(channel).threadTs(threadTs).text(text)
                .unfurlLinks(false).unfurlMedia(false)));
    }

    @Override
    public Sent update(String channel, String ts, String text) {
        return call(() -> methods.chatUpdate(r -> r.channel(channel).ts(ts).text(text)));
    }

    private interface Call {
        SlackApiTextResponse send() throws IOException, SlackApiException;
    }

    private static Sent call(Call call) {
        try {
            SlackApiTextResponse response = call.send();
            if (response.isOk()) {
                String ts = response instanceof com.slack.api.methods.response.chat.ChatPostMessageResponse p
                        ? p.getTs() : null;
                return new Sent.Delivered(ts);
            }
            return PASSING.contains(response.getError()) ? new Sent.Later(null, response.getError())
                    : new Sent.Refused(response.getError());
        } catch (SlackApiException e) {
            int code = e.getResponse().code();
            if (code == 429) {
                return new Sent.Later(retryAfter(e.getResponse().header("Retry-After")), "HTTP 429");
            }
            return code >= 500 ? new Sent.Later(null, "HTTP " + code) : new Sent.Refused("HTTP " + code);
        } catch (IOException e) {
            return new Sent.Later(null, Evidence.error(e));
        }
    }

    /** Slack sends whole seconds; a missing or odd header waits one second, as Slack's own clients do. */
    private static Duration retryAfter(String header) {
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(header == null ? "1" : header.strip())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }
}
