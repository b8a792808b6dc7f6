package io.schemabot.execute;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What shows nothing was lost: rows of each table the plan touches and a checksum of each converted column,
 * counted in the plan's transaction before its first step and after its last; how long the ACCESS EXCLUSIVE locks
 * were held and the whole run took; the foreign keys validated after COMMIT and when each finished; whether
 * production afterwards has the schema the plan promised; and how much of the run the proof itself cost.
 */
public record Proof(List<TableRows> tables, List<ColumnChecksum> columns, Duration exclusiveLocksHeld,
                    Duration total, String driftAfter, Duration proving, List<Validation> validations) {
    public static final String NO_DRIFT = "none";

    public Proof {
        tables = List.copyOf(tables);
        columns = List.copyOf(columns);
        proving = proving == null ? Duration.ZERO : proving;
        validations = validations == null ? List.of() : List.copyOf(validations);
    }

    public Proof(List<TableRows> tables, List<ColumnChecksum> columns, Duration exclusiveLocksHeld, Duration total,
                 String driftAfter) {
        this(tables, columns, exclusiveLocksHeld, total, driftAfter, Duration.ZERO, List.of());
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

    /**
     * A step run after COMMIT (a foreign key's VALIDATE): how long it took, when it finished counted from the start
     * of the run, and why it failed (null when it passed).
     */
    public record Validation(String title, Duration took, Duration finishedAfter, String failure) {
        public boolean passed() {
            return failure == null;
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

    /** The proof's share of the whole run, in percent (0 before the run is over). */
    public long provingPercent() {
        return total.isZero() ? 0 : Math.round(100.0 * proving.toNanos() / total.toNanos());
    }

    Proof withLocksHeld(Duration held) {
        return new Proof(tables, columns, held, total, driftAfter, proving, validations);
    }

    Proof withProving(Duration spent) {
        return new Proof(tables, columns, exclusiveLocksHeld, total, driftAfter, spent, validations);
    }

    Proof withValidations(List<Validation> done) {
        return new Proof(tables, columns, exclusiveLocksHeld, total, driftAfter, proving, done);
    }

    /** The run is over: its total time, production's drift from the plan's target, and what reading that cost. */
    Proof finished(Duration totalTime, String drift, Duration driftCheck) {
        return new Proof(tables, columns, exclusiveLocksHeld, totalTime, drift, proving.plus(driftCheck), validations);
    }
}
