package io.schemabot.approval;

import java.util.Objects;

/**
 * What a proposer asks to run: the plan (opaque JSON and its hash), the fingerprints production has now and must
 * have afterwards, production's Flyway history (opaque), and whether its hazards need consent or block it.
 */
public record Proposal(String target, String proposer, String channel, String planJson, String planHash,
                       String baseFingerprint, String targetFingerprint, String flywayHistory, boolean allowDataLoss,
                       boolean blocked, boolean needsConsent) {
    public Proposal {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(proposer, "proposer");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(planJson, "planJson");
        Objects.requireNonNull(planHash, "planHash");
        Objects.requireNonNull(baseFingerprint, "baseFingerprint");
        Objects.requireNonNull(targetFingerprint, "targetFingerprint");
        Objects.requireNonNull(flywayHistory, "flywayHistory");
    }
}
