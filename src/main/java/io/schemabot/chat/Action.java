package io.schemabot.chat;

/** Someone clicked a button: {@code verb} (approve, reject, ...) on the request {@code requestId}. */
public record Action(String userId, String channelId, String requestId, String verb) {
}
