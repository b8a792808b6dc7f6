package io.schemabot.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.files.FilesUploadV2Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers a finished reply: through the command's response_url while Slack still takes it (5 uses within
 * 30 minutes), otherwise with chat.postMessage in the channel; long SQL goes up as a file (files.getUploadURLExternal
 * and files.completeUploadExternal, through Bolt's filesUploadV2).
 */
public final class SlackResponder {
    private static final Logger LOG = LoggerFactory.getLogger(SlackResponder.class);
    private static final int RESPONSE_URL_USES = 5;

    private final MethodsClient methods;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Uses per response_url; entries vanish when Slack stops honouring the URL. */
    private final Cache<String, AtomicInteger> uses = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(29)).maximumSize(10_000).build();

    public SlackResponder(Slack slack, String botToken) {
        this.methods = slack.methods(botToken);
    }

    /**
     * Sends the reply; the channel is the fallback when the response_url is used up or expired. An ephemeral
     * reply stays visible to its user only (chat.postEphemeral), never to the whole channel.
     */
    public void send(String responseUrl, String channel, String user, BlockKit.Rendered rendered) {
        boolean delivered = false;
        if (responseUrl != null) {
            AtomicInteger count = uses.get(responseUrl, k -> new AtomicInteger());
            if (count.incrementAndGet() <= RESPONSE_URL_USES) {
                delivered = postToResponseUrl(responseUrl, rendered);
            }
        }
        if (!delivered && channel != null) {
            if ("ephemeral".equals(rendered.message().path("response_type").asText()) && user != null) {
                postEphemeral(channel, user, rendered);
            } else {
                postMessage(channel, rendered);
            }
        }
        for (BlockKit.Upload upload : rendered.uploads()) {
            upload(channel, upload);
        }
    }

    /**
     * Replaces the command's "Checking…" message with {@code text}, while the response_url has a use to spare:
     * one stays kept for the answer. Returns whether Slack took it.
     */
    public boolean replaceAck(String responseUrl, String text) {
        AtomicInteger count = uses.get(responseUrl, k -> new AtomicInteger());
        if (count.incrementAndGet() >= RESPONSE_URL_USES) {
            count.decrementAndGet();
            return false;
        }
        com.fasterxml.jackson.databind.node.ObjectNode message = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .build().createObjectNode().put("response_type", "ephemeral").put("replace_original", true)
                .put("text", BlockKit.escape(text));
        return postToResponseUrl(responseUrl, new BlockKit.Rendered(message, java.util.List.of()));
    }

    private boolean postToResponseUrl(String url, BlockKit.Rendered rendered) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(rendered.message().toString())).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                return true;
            }
            LOG.warn("response_url answered {}; falling back to chat.postMessage", response.statusCode());
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("response_url failed ({}); falling back to chat.postMessage", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private void postMessage(String channel, BlockKit.Rendered rendered) {
        post(channel, null, rendered);
    }

    /**
     * Posts a message in the channel, or in the thread of {@code threadTs}; returns its ts, by which it can be
     * updated and replied to, or null when Slack refused it (which is logged).
     */
    public String post(String channel, String threadTs, BlockKit.Rendered rendered) {
        try {
            ChatPostMessageResponse response = methods.chatPostMessage(r -> r.channel(channel).threadTs(threadTs)
                    .text(rendered.message().path("text").asText())
                    .blocksAsString(rendered.blocks().toString()));
            if (!response.isOk()) {
                LOG.warn("chat.postMessage failed: {}", response.getError());
                return null;
            }
            for (BlockKit.Upload upload : rendered.uploads()) {
                upload(channel, upload);
            }
            return response.getTs();
        } catch (Exception e) {
            LOG.warn("chat.postMessage failed: {}", e.getMessage());
            return null;
        }
    }

    /** Replaces the message at {@code ts} with {@code rendered}: a request's message shows its state as it is. */
    public void update(String channel, String ts, BlockKit.Rendered rendered) {
        try {
            var response = methods.chatUpdate(r -> r.channel(channel).ts(ts)
                    .text(rendered.message().path("text").asText())
                    .blocksAsString(rendered.blocks().toString()));
            if (!response.isOk()) {
                LOG.warn("chat.update failed: {}", response.getError());
            }
        } catch (Exception e) {
            LOG.warn("chat.update failed: {}", e.getMessage());
        }
    }

    private void postEphemeral(String channel, String user, BlockKit.Rendered rendered) {
        try {
            var response = methods.chatPostEphemeral(r -> r.channel(channel).user(user)
                    .text(rendered.message().path("text").asText())
                    .blocksAsString(rendered.blocks().toString()));
            if (!response.isOk()) {
                LOG.warn("chat.postEphemeral failed: {}", response.getError());
            }
        } catch (Exception e) {
            LOG.warn("chat.postEphemeral failed: {}", e.getMessage());
        }
    }

    private void upload(String channel, BlockKit.Upload upload) {
        try {
            FilesUploadV2Response response = methods.filesUploadV2(r -> r.channel(channel).filename(upload.filename())
                    .title(upload.filename()).content(upload.content()));
            if (!response.isOk()) {
                LOG.warn("file upload failed: {}", response.getError());
            }
        } catch (Exception e) {
            LOG.warn("file upload failed: {}", e.getMessage());
        }
    }
}
