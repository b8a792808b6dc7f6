package io.schemabot.schema;

import java.util.Optional;

/** The state a trigger has on a partition: its copy's own where it differs from the parent's, else the parent's. */
public final class PartitionTriggers {
    private PartitionTriggers() {
    }

    /**
     * The pg_trigger.tgenabled letter of trigger {@code name} (raw) on {@code table}, looked up the partition tree
     * to the table the trigger was created on; null when the table or the trigger is not in the snapshot.
     */
    public static String state(Snapshot s, String table, String name) {
        Optional<Table> t = s.table(table);
        if (t.isEmpty()) {
            return null;
        }
        String own = t.get().triggerStates().get(name);
        if (own != null) {
            return own;
        }
        for (Trigger trigger : s.triggers()) {
            if (trigger.table().equals(table) && trigger.name().equals(name)) {
                return trigger.enabled() == null ? "O" : trigger.enabled();
            }
        }
        return t.get().partitionOf() == null ? null : state(s, t.get().partitionOf(), name);
    }

    /** The ALTER TABLE clause that sets a state, e.g. DISABLE for D; NONE for null (no such trigger). */
    public static String clause(String state) {
        if (state == null) {
            return "NONE";
        }
        return switch (state) {
            case "D" -> "DISABLE";
            case "R" -> "ENABLE REPLICA";
            case "A" -> "ENABLE ALWAYS";
            default -> "ENABLE";
        };
    }
}
