package io.schemabot.execute;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What shows nothing was lost: rows of each table the plan touches and a checksum of each converted column,
 * counted in the plan's transaction before its first step and after its last; how long the ACCESS EXCLUSIVE locks
 * were held and the whole run took; and whether production afterwards has the schema the plan promised.
 */
public record Proof(List<TableRows> tables, List<ColumnChecksum> columns, Duration exclusiveLocksHeld,
                    Duration total, String driftAfter) {
    public static final String NO_DRIFT = "none";

    public Proof {
        tables = List.copyOf(tables);
        columns = List.copyOf(columns);
    }

    /** Row counts of a table; null on a side where the table does not exist (created or dropped by the plan). */
    public record TableRows(String table, Long before, Long after) {
        public boolean equal() {
            return before == null || after == null || before.equals(after);
        }
    }

    /** An order-independent checksum of a column's values as text, before and after its conversion. */
    public record ColumnChecksum(String table, String column, String before, String after) {
        public boolean equal() {
            return Objects.equals(before, after);
        }
    }

    /** The first difference, or null when every count and checksum agrees. */
    public String mismatch() {
        for (TableRows t : tables) {
            if (!t.equal()) {
                return t.table() + " had " + t.before() + " rows before and " + t.after() + " after";
            }
        }
        for (ColumnChecksum c : columns) {
            if (!c.equal()) {
                return "the values of " + c.table() + "." + c.column() + " changed (checksum " + c.before()
                        + " before, " + c.after() + " after)";
            }
        }
        return null;
    }

    Proof withLocksHeld(Duration held) {
        return new Proof(tables, columns, held, total, driftAfter);
    }

    Proof finished(Duration totalTime, String drift) {
        return new Proof(tables, columns, exclusiveLocksHeld, totalTime, drift);
    }
}
