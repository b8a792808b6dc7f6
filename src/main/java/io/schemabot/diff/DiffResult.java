package io.schemabot.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link SchemaDiff#between} found: the ordered changes, foreign keys that cannot hold, and cosmetic differences
 * (such as {@link TableChange.ColumnOrderDiffers}) that no plan makes and that therefore do not count as changes.
 */
public record DiffResult(String fromFingerprint, String toFingerprint, List<Change> changes,
                         List<Incompatibility> incompatibilities, List<Change> cosmetic) {
    public DiffResult {
        changes = List.copyOf(changes);
        incompatibilities = List.copyOf(incompatibilities);
        cosmetic = List.copyOf(cosmetic);
    }

    public DiffResult(String fromFingerprint, String toFingerprint, List<Change> changes,
                      List<Incompatibility> incompatibilities) {
        this(fromFingerprint, toFingerprint, changes, incompatibilities, List.of());
    }

    /** No changes; cosmetic differences may remain, as no plan makes them. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The changes keyed by the table they belong to, or by their own object; in diff order. */
    public Map<String, List<Change>> changesByOwner() {
        Map<String, List<Change>> groups = new LinkedHashMap<>();
        for (Change c : changes) {
            String owner = c.table() != null ? c.table() : c.object();
            groups.computeIfAbsent(owner, k -> new ArrayList<>()).add(c);
        }
        return groups;
    }
}
