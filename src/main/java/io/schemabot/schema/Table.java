package io.schemabot.schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.schemabot.sql.Sql;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A table: ordinary or partitioned, possibly a partition or an inheritance child, possibly unlogged.
 * {@code partitionOf} and {@code inherits} hold qualified parent names; {@code stats} is an estimate used only
 * to judge rewrites, and is neither diffed nor fingerprinted. {@code rowSecurity} and {@code forceRowSecurity}
 * are ENABLE and FORCE ROW LEVEL SECURITY; left out of the JSON when off, so older files read the same.
 * {@code options} are its storage parameters (reloptions, those of its TOAST table as {@code toast.name});
 * {@code accessMethod} and {@code tablespace} are null for heap and the database's default tablespace. Like
 * row security they stay out of the JSON when unset, so older files and their fingerprints read the same.
 * {@code replicaIdentity} is null for DEFAULT, else FULL, NOTHING or USING INDEX name: what logical replication
 * sends of an updated or deleted row, without which a published table refuses UPDATE and DELETE.
 * {@code triggerStates} holds, for a partition, its copies of the parent's triggers that are enabled otherwise than
 * the parent's (trigger name to pg_trigger.tgenabled: O, D, R or A); the others follow the parent.
 */
public record Table(String schema, String name, boolean partitioned, boolean unlogged, String partitionKey,
                    String partitionOf, String partitionBound, List<String> inherits, List<Column> columns,
                    List<Constraint> constraints, String comment,
                    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean rowSecurity,
                    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean forceRowSecurity,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> options,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String accessMethod,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String tablespace,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String replicaIdentity,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> triggerStates, TableStats stats) {

    public Table {
        inherits = inherits == null ? List.of() : List.copyOf(inherits);
        columns = List.copyOf(columns);
        constraints = List.copyOf(constraints);
        // sorted, so that SQL and reports list parameters the same way on every run
        options = options == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(options));
        triggerStates = triggerStates == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(triggerStates));
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
                columns, constraints, comment, rowSecurity, forceRowSecurity, options, accessMethod, tablespace,
                replicaIdentity, triggerStates, null);
    }

    /** This table in the database's default tablespace, for a cluster that lacks the one it is in. */
    public Table inDefaultTablespace() {
        return new Table(schema, name, partitioned, unlogged, partitionKey, partitionOf, partitionBound, inherits,
                columns, constraints, comment, rowSecurity, forceRowSecurity, options, accessMethod, null,
                replicaIdentity, triggerStates, stats);
    }

    /** Planner's estimate of the table's size: reltuples and the on-disk bytes of table and TOAST. */
    public record TableStats(long estimatedRows, long bytes) {
    }
}
