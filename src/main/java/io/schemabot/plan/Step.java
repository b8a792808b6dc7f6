package io.schemabot.plan;

import io.schemabot.sql.Sql;

import java.util.List;

/**
 * One statement of a plan: what it is for, its SQL, the objects it touches, its hazards, and the columns whose
 * stored values it converts (so that whoever runs it can prove those values survived).
 */
public record Step(String title, String sql, List<String> objects, List<Hazard> hazards, List<Conversion> conversions) {
    public Step {
        title = Sql.oneLine(title);
        objects = List.copyOf(objects);
        hazards = List.copyOf(hazards);
        conversions = List.copyOf(conversions);
    }

    public Step(String title, String sql, List<String> objects, List<Hazard> hazards) {
        this(title, sql, objects, hazards, List.of());
    }

    /** Columns of one table whose values the step rewrites into another type; names as SQL writes them. */
    public record Conversion(String table, List<String> columns) {
        public Conversion {
            columns = List.copyOf(columns);
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
