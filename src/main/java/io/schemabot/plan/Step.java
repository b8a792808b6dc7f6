package io.schemabot.plan;

import io.schemabot.sql.Sql;

import java.util.List;

/**
 * One statement of a plan: what it is for, its SQL, the objects it touches, its hazards, the columns whose stored
 * values it converts (so that whoever runs it can prove those values survived), and whether it runs inside the
 * plan's transaction or after its COMMIT.
 */
public record Step(String title, String sql, List<String> objects, List<Hazard> hazards, List<Conversion> conversions,
                   Phase phase) {
    public Step {
        title = Sql.oneLine(title);
        objects = List.copyOf(objects);
        hazards = List.copyOf(hazards);
        conversions = List.copyOf(conversions);
        phase = phase == null ? Phase.IN_TRANSACTION : phase;
    }

    public Step(String title, String sql, List<String> objects, List<Hazard> hazards, List<Conversion> conversions) {
        this(title, sql, objects, hazards, conversions, Phase.IN_TRANSACTION);
    }

    public Step(String title, String sql, List<String> objects, List<Hazard> hazards) {
        this(title, sql, objects, hazards, List.of());
    }

    /**
     * Where a step runs. Work that only reads rows to prove them (validating a foreign key added NOT VALID) runs
     * after COMMIT, under a lock that lets reads and writes go on, instead of while the plan holds its exclusive ones.
     */
    public enum Phase { IN_TRANSACTION, AFTER_COMMIT }

    public boolean afterCommit() {
        return phase == Phase.AFTER_COMMIT;
    }

    /**
     * Columns of one table whose values the step rewrites into another type, names as SQL writes them, and for each
     * the value it will hold, as an expression over the row before the step: the converted column's text must equal
     * that expression's text. {@code timeZone}, when set, is the zone the step converts in (its SET LOCAL TimeZone).
     */
    public record Conversion(String table, List<String> columns, List<String> values, String timeZone) {
        public Conversion {
            columns = List.copyOf(columns);
            // a plan stored before values were kept proves each column against its own text, as it did then
            values = values == null ? columns : List.copyOf(values);
            if (values.size() != columns.size()) {
                throw new IllegalArgumentException("a conversion needs one value per column");
            }
        }

        public Conversion(String table, List<String> columns) {
            this(table, columns, columns, null);
        }
    }

    /** A table lock the step takes and keeps until COMMIT. */
    public record Lock(String table, Hazard.Kind mode) {
    }

    /** The locks the step claims: ACCESS EXCLUSIVE (readers and writers wait) or WRITE_LOCK (writers wait). */
    public List<Lock> locks() {
        return hazards.stream().filter(h -> h.kind() == Hazard.Kind.ACCESS_EXCLUSIVE_LOCK
                || h.kind() == Hazard.Kind.WRITE_LOCK).map(h -> new Lock(h.object(), h.kind())).distinct().toList();
    }
}
