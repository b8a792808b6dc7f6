package io.schemabot.diff;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.schemabot.schema.Constraint;
import io.schemabot.schema.Table;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a missing table holds, so that a drift report says what is missing and not only its name: its columns in
 * their order, then its keys, checks and foreign keys. Its indexes are changes of their own (the planner creates
 * them from those), reported right after it.
 */
public record TableContents(List<ColumnSpec> columns, List<ConstraintSpec> constraints) {
    public static final TableContents NONE = new TableContents(List.of(), List.of());

    public TableContents {
        columns = List.copyOf(columns);
        constraints = List.copyOf(constraints);
    }

    static TableContents of(Table table) {
        List<ColumnSpec> columns = table.columns().stream().map(c -> new ColumnSpec(Sql.ident(c.name()), c.type(),
                c.notNull(), c.defaultExpression(), c.identity(), c.generated(), c.collation())).toList();
        // keys first, foreign keys after the checks: the order in which a reader looks for them
        List<ConstraintSpec> constraints = table.constraints().stream()
                .sorted(Comparator.comparing((Constraint c) -> c.type() == Constraint.Type.FOREIGN_KEY)
                        .thenComparing(Constraint::type).thenComparing(Constraint::name))
                .map(c -> new ConstraintSpec(Sql.ident(c.name()), c.type().name(), c.definition())).toList();
        return new TableContents(columns, constraints);
    }

    /** One line per column and constraint, as a report lists them under the table. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        columns.forEach(c -> lines.add(c.describe()));
        constraints.forEach(c -> lines.add("constraint " + c.name() + ": " + c.definition()));
        return lines;
    }

    /** A column as CREATE TABLE would spell it; {@code name} is quoted as SQL needs it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ColumnSpec(String name, String type, boolean notNull, String defaultExpression, String identity,
                             String generated, String collation) {
        public String describe() {
            return "column " + name + " " + type + (collation == null ? "" : " COLLATE " + collation)
                    + (notNull ? " NOT NULL" : "") + (defaultExpression == null ? "" : " DEFAULT " + defaultExpression)
                    + (identity == null ? "" : " GENERATED " + identity + " AS IDENTITY")
                    + (generated == null ? "" : " GENERATED ALWAYS AS (" + generated + ") STORED");
        }
    }

    /** {@code type} is PRIMARY_KEY, UNIQUE, CHECK, FOREIGN_KEY or EXCLUSION; {@code definition} as PostgreSQL prints it. */
    public record ConstraintSpec(String name, String type, String definition) {
    }
}
