package io.schemabot.chat;

/** Someone typed the command: {@code text} is what follows the command name. */
public record Invocation(String userId, String channelId, String text) {
}
