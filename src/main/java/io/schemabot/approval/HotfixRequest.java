package io.schemabot.approval;

import java.time.Instant;
import java.util.List;

/**
 * A hotfix request as the store holds it, with {@code approvers}: who approves its plan now (derived from its
 * events: approvals of its plan hash not withdrawn since, in the order given). {@code messageTs} is null until
 * the chat layer posts it.
 */
public record HotfixRequest(String id, String target, String proposer, String channel, State state, String planJson,
                            String planHash, String baseFingerprint, String targetFingerprint, String flywayHistory,
                            boolean allowDataLoss, boolean blocked, int required, Instant createdAt, Instant expiresAt,
                            String messageTs, List<String> approvers) {
    /** What a request id may be, wherever one arrives (a typed command, a button, the command line). */
    public static boolean isId(String text) {
        return text != null && text.matches("[A-Za-z0-9_-]{1,40}");
    }

    public HotfixRequest {
        approvers = List.copyOf(approvers);
    }

    HotfixRequest with(State newState, List<String> newApprovers) {
        return new HotfixRequest(id, target, proposer, channel, newState, planJson, planHash, baseFingerprint,
                targetFingerprint, flywayHistory, allowDataLoss, blocked, required, createdAt, expiresAt, messageTs,
                newApprovers);
    }
}
