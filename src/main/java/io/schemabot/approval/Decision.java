package io.schemabot.approval;

/**
 * The answer to one person's action on a request: accepted or not, one short sentence for them (a refusal says
 * why), and the request as it stands afterwards (null only when there is no such request).
 */
public record Decision(boolean accepted, String message, HotfixRequest request) {
}
