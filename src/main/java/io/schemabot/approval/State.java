package io.schemabot.approval;

/** Where a hotfix request stands; the last five are final, and EXECUTING ends only in SUCCEEDED, FAILED or STALE. */
public enum State {
    PROPOSED("is waiting for approvals"),
    APPROVED("is approved"),
    EXECUTING("is already executing"),
    SUCCEEDED("has already run"),
    FAILED("has failed"),
    REJECTED("was rejected"),
    CANCELLED("was cancelled"),
    EXPIRED("has expired"),
    STALE("is stale (production moved, or it was proposed again, since it was planned)");

    private final String phrase;

    State(String phrase) {
        this.phrase = phrase;
    }

    /** How a refusal says where the request stands: "hotfix request hf-1 has expired". */
    public String phrase() {
        return phrase;
    }

    /** Still waiting for people: approvals, a withdrawal, a rejection or a cancellation can change it. */
    public boolean awaitsDecision() {
        return this == PROPOSED || this == APPROVED;
    }
}
