package io.schemabot.plan;

import io.schemabot.plan.Hazard.Kind;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a lead needs to judge a lock: the hazard for holding an existing table of FROM exclusively, with its size
 * and the partitions and children that ALTER TABLE takes along.
 */
final class LockHazards {
    private final Snapshot from;

    LockHazards(Snapshot from) {
        this.from = from;
    }

    /**
     * ACCESS EXCLUSIVE on an existing table, with its size so a lead can judge how long others wait. ALTER TABLE
     * goes down to partitions and inheritance children, so they are named too.
     */
    Hazard lock(String table) {
        List<String> below = descendants(table);
        String others = below.isEmpty() ? "" : " and of its " + (below.size() == 1 ? "child table " : below.size()
                + " child tables ") + String.join(", ", below.subList(0, Math.min(5, below.size())))
                + (below.size() > 5 ? ", ..." : "");
        return new Hazard(Kind.ACCESS_EXCLUSIVE_LOCK, table, "blocks reads and writes of " + table + size(table)
                + others + " until COMMIT");
    }

    /** ACCESS EXCLUSIVE on each of these that exists in FROM, once each. */
    List<Hazard> locks(List<String> tables) {
        return new LinkedHashSet<>(tables).stream().filter(t -> t != null && from.table(t).isPresent())
                .map(this::lock).toList();
    }

    /** FROM's partitions and inheritance children of the table, and theirs, in name order. */
    List<String> descendants(String table) {
        Set<String> found = new java.util.TreeSet<>();
        List<String> next = new ArrayList<>(List.of(table));
        while (!next.isEmpty()) {
            String parent = next.remove(next.size() - 1);
            for (Table t : from.tables()) {
                if ((parent.equals(t.partitionOf()) || t.inherits().contains(parent)) && found.add(t.qualifiedName())) {
                    next.add(t.qualifiedName());
                }
            }
        }
        return List.copyOf(found);
    }

    /** The table's estimated rows and bytes as a hazard's reason shows them, partitions counted for their parent. */
    String size(String table) {
        Table t = from.table(table).orElse(null);
        if (t == null || t.stats() == null) {
            return "";
        }
        long rows = t.stats().estimatedRows();
        long bytes = t.stats().bytes();
        if (t.partitioned()) {
            // a partitioned table holds nothing itself: its bytes are its partitions' (ANALYZE on the parent
            // counts the rows of all of them, so those are taken from the partitions only when it has not run)
            long partitionRows = 0;
            for (String p : descendants(table)) {
                Table.TableStats s = from.table(p).map(Table::stats).orElse(null);
                if (s != null) {
                    partitionRows += s.estimatedRows();
                    bytes += s.bytes();
                }
            }
            rows = Math.max(rows, partitionRows);
        }
        return rows == 0 && bytes == 0 ? " (empty, or not yet analyzed)"
                : " (~" + String.format("%,d", rows) + " rows, " + humanBytes(bytes) + ")";
    }

    private static String humanBytes(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format("%.1f GB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format("%.1f MB", bytes / (double) (1L << 20));
        }
        return Math.max(bytes / 1024, 0) + " kB";
    }
}
