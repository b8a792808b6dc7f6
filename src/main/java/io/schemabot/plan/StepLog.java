package io.schemabot.plan;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plan as built so far: its steps in order, and what they did to which object (dropped, created, attached,
 * locked), so that a later phase asks what happened instead of searching the SQL that earlier phases wrote.
 */
final class StepLog {
    /** What a step did to an object, as later phases need to know it. */
    enum Effect {
        /**
         * The object (routine signature, constraint as {@code table.name}, qualified index name) was dropped: for
         * good, or set aside and put back later in the plan, which still made it anew.
         */
        DROPPED,
        /** The table was created by this plan. */
        CREATED,
        /** The table was attached as a partition (and so took fresh copies of its parent's indexes and triggers). */
        ATTACHED,
        /** The table is held in ACCESS EXCLUSIVE mode until COMMIT. */
        LOCKED
    }

    private final List<Step> inTransaction = new ArrayList<>();
    private final List<Step> afterCommit = new ArrayList<>();
    private final Map<Effect, Set<String>> effects = new EnumMap<>(Effect.class);

    /** Adds a step to the transaction; the tables it locks exclusively are recorded as LOCKED. */
    void add(Step step) {
        inTransaction.add(step);
        step.locks().stream().filter(l -> l.mode() == Hazard.Kind.ACCESS_EXCLUSIVE_LOCK)
                .forEach(l -> record(Effect.LOCKED, l.table()));
    }

    /** Adds a step that runs after COMMIT: listed after every step of the transaction, in the order added. */
    void addAfterCommit(Step step) {
        afterCommit.add(step);
    }

    void record(Effect effect, String object) {
        effects.computeIfAbsent(effect, e -> new HashSet<>()).add(object);
    }

    boolean did(Effect effect, String object) {
        return effects.getOrDefault(effect, Set.of()).contains(object);
    }

    /** The steps so far, those of the transaction first. */
    List<Step> steps() {
        List<Step> all = new ArrayList<>(inTransaction);
        all.addAll(afterCommit);
        return List.copyOf(all);
    }

    /** The transaction's steps so far, to rewrite in place (see EnumLabels). */
    List<Step> inTransaction() {
        return inTransaction;
    }
}
