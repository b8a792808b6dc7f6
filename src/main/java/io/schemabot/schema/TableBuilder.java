package io.schemabot.schema;

import io.schemabot.sql.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Collects a table's rows from the per-kind queries before it becomes an immutable {@link Table}. */
final class TableBuilder {
    long oid;
    String schema;
    String name;
    boolean partitioned;
    boolean unlogged;
    String partitionKey;
    String partitionOf;
    String partitionBound;
    List<String> inherits;
    String comment;
    boolean rowSecurity;
    boolean forceRowSecurity;
    Map<String, String> options;
    String accessMethod;
    String tablespace;
    String replicaIdentity;
    final Map<String, String> triggerStates = new HashMap<>();
    Table.TableStats stats;
    final List<Column> columns = new ArrayList<>();
    final List<Constraint> constraints = new ArrayList<>();

    static TableBuilder read(ResultSet rs) throws SQLException {
        TableBuilder t = new TableBuilder();
        t.oid = rs.getLong(1);
        t.schema = rs.getString(2);
        t.name = rs.getString(3);
        t.partitioned = rs.getBoolean(4);
        t.unlogged = rs.getBoolean(5);
        t.partitionKey = rs.getString(6);
        t.partitionOf = rs.getString(8) == null ? null : Sql.qualified(rs.getString(7), rs.getString(8));
        t.partitionBound = rs.getString(9);
        List<String> parentSchemas = CatalogValues.strings(rs.getArray(10));
        List<String> parentNames = CatalogValues.strings(rs.getArray(11));
        t.inherits = new ArrayList<>();
        for (int i = 0; i < parentNames.size(); i++) {
            t.inherits.add(Sql.qualified(parentSchemas.get(i), parentNames.get(i)));
        }
        t.comment = rs.getString(12);
        t.stats = new Table.TableStats(rs.getLong(13), rs.getLong(14));
        t.rowSecurity = rs.getBoolean(15);
        t.forceRowSecurity = rs.getBoolean(16);
        t.options = CatalogValues.options(rs.getString(17));
        t.accessMethod = rs.getString(18);
        t.tablespace = rs.getString(19);
        t.replicaIdentity = rs.getString(20);
        return t;
    }

    Table build() {
        return new Table(schema, name, partitioned, unlogged, partitionKey, partitionOf, partitionBound,
                inherits, columns, constraints, comment, rowSecurity, forceRowSecurity, options, accessMethod,
                tablespace, replicaIdentity, triggerStates, stats);
    }
}
