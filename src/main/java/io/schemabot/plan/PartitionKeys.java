package io.schemabot.plan;

import io.schemabot.diff.TableChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds column retypes PostgreSQL refuses because the column is part of a partition key (of the table or of a
 * partition below it): those are blocked with the manual steps instead of planned.
 */
final class PartitionKeys {
    private final Snapshot from;
    /** Partitioned table -> its retyped key columns. */
    private final Map<String, Set<String>> blocked = new LinkedHashMap<>();

    PartitionKeys(DiffResult diff, Snapshot from) {
        this.from = from;
        for (Change c : diff.changes()) {
            String column = c instanceof TableChange.ColumnTypeChanged t ? t.column()
                    : c instanceof TableChange.ColumnCollationChanged t ? t.column() : null;
            if (column != null && from.table(c.table()).map(t -> t.partitioned() && t.partitionOf() == null)
                    .orElse(false) && tree(c.table()).stream().anyMatch(t -> inKey(t, column))) {
                blocked.computeIfAbsent(c.table(), k -> new LinkedHashSet<>()).add(column);
            }
        }
    }

    /** Whether retyping this column of this table is blocked. */
    boolean blocks(String table, String column) {
        return blocked.getOrDefault(table, Set.of()).contains(column);
    }

    /** The partitions below a blocked table: their bounds read differently once the key is retyped, not before. */
    boolean underBlockedKey(String partition) {
        return blocked.keySet().stream().anyMatch(root -> !root.equals(partition) && tree(root).stream()
                .anyMatch(t -> t.qualifiedName().equals(partition)));
    }

    /** The partitions below a blocked table, for the step that reports the block. */
    List<String> partitionsBelow(String table) {
        return tree(table).stream().map(Table::qualifiedName).filter(n -> !n.equals(table)).toList();
    }

    Optional<Hazard> hazard(String table, String column, String fromType, String toType) {
        if (!blocks(table, column)) {
            return Optional.empty();
        }
        return Optional.of(new Hazard(Hazard.Kind.BLOCKING, table + "." + column, "PostgreSQL cannot change the type"
                + " of partition key column " + column + " (" + fromType + " -> " + toType + "). Manually: create"
                + " a new partitioned table with " + column + " " + toType + " and the same partitions, copy the rows"
                + " (INSERT INTO new SELECT * FROM " + table + "), drop " + table + ", rename the new table to its"
                + " name, then recreate the indexes, keys, foreign keys, views and grants that used it"));
    }

    /** The table and every partition below it, as FROM has them. */
    private List<Table> tree(String root) {
        List<Table> found = new ArrayList<>();
        from.table(root).ifPresent(found::add);
        for (int i = 0; i < found.size(); i++) {
            String parent = found.get(i).qualifiedName();
            from.tables().stream().filter(t -> parent.equals(t.partitionOf())).forEach(found::add);
        }
        return found;
    }

    private static boolean inKey(Table t, String quotedColumn) {
        return t.partitionKey() != null && Dependents.mentions(t.partitionKey(), quotedColumn);
    }
}
