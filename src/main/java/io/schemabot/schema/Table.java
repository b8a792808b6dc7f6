package io.schemabot.schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.schemabot.sql.Sql;

import java.util.List;
import java.util.Optional;

/**
 * A table: ordinary or partitioned, possibly a partition or an inheritance child, possibly unlogged.
 * {@code partitionOf} and {@code inherits} hold qualified parent names; {@code stats} is an estimate used only
 * to judge rewrites, and is neither diffed nor fingerprinted. {@code rowSecurity} and {@code forceRowSecurity}
 * are ENABLE and FORCE ROW LEVEL SECURITY; left out of the JSON when off, so older files read the same.
 */
public record Table(String schema, String name, boolean partitioned, boolean unlogged, String partitionKey,
                    String partitionOf, String partitionBound, List<String> inherits, List<Column> columns,
                    List<Constraint> constraints, String comment,
                    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean rowSecurity,
                    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean forceRowSecurity, TableStats stats) {

    public Table {
        inherits = inherits == null ? List.of() : List.copyOf(inherits);
        columns = List.copyOf(columns);
        constraints = List.copyOf(constraints);
    }

    public String qualifiedName() {
        return Sql.qualified(schema, name);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public Optional<Constraint> primaryKey() {
        return constraints.stream().filter(c -> c.type() == Constraint.Type.PRIMARY_KEY).findFirst();
    }

    public List<Constraint> foreignKeys() {
        return constraints.stream().filter(c -> c.type() == Constraint.Type.FOREIGN_KEY).toList();
    }

    Table withoutStats() {
        return new Table(schema, name, partitioned, unlogged, partitionKey, partitionOf, partitionBound, inherits,
                columns, constraints, comment, rowSecurity, forceRowSecurity, null);
    }

    /** Planner's estimate of the table's size: reltuples and the on-disk bytes of table and TOAST. */
    public record TableStats(long estimatedRows, long bytes) {
    }
}
