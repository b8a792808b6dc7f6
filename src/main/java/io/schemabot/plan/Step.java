package io.schemabot.plan;

import io.schemabot.sql.Sql;

import java.util.List;

/** One statement of a plan: what it is for, its SQL, the objects it touches and its hazards. */
public record Step(String title, String sql, List<String> objects, List<Hazard> hazards) {
    public Step {
        title = Sql.oneLine(title);
        objects = List.copyOf(objects);
        hazards = List.copyOf(hazards);
    }
}
