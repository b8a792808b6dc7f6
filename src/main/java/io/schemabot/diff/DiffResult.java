package io.schemabot.diff;

import java.util.List;

/** What {@link SchemaDiff#between} found: the ordered changes, and foreign keys that cannot hold. */
public record DiffResult(String fromFingerprint, String toFingerprint, List<Change> changes,
                         List<Incompatibility> incompatibilities) {
    public DiffResult {
        changes = List.copyOf(changes);
        incompatibilities = List.copyOf(incompatibilities);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
