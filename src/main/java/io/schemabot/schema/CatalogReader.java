package io.schemabot.schema;

import static io.schemabot.schema.CatalogValues.grants;
import static io.schemabot.schema.CatalogValues.ints;
import static io.schemabot.schema.CatalogValues.options;
import static io.schemabot.schema.CatalogValues.strings;


import io.schemabot.sql.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * Reads a live database's schema into a {@link Snapshot}: about one set-based catalog query per object kind,
 * all in one READ ONLY, REPEATABLE READ transaction (so every query sees the same moment) with a statement
 * timeout. search_path is emptied for the transaction so that every printed expression names user objects
 * with their schema and reads the same on any cluster.
 */
public final class CatalogReader {
    /** Flyway's history table is bookkeeping, not schema. */
    public static final Set<String> DEFAULT_EXCLUDED_TABLES = Set.of("flyway_schema_history");

    private final SnapshotOptions options;

    public CatalogReader(SnapshotOptions options) {
        this.options = options;
    }

    public CatalogReader() {
        this(SnapshotOptions.defaults());
    }

    /** Snapshots the database behind the connection; leaves the connection's settings as they were. */
    public Snapshot read(Connection conn) throws SQLException {
        return read(conn, null);
    }

    /**
     * Like {@link #read(Connection)}, but reads columns (the largest query) on {@code helper} at the same
     * time, in the same MVCC snapshot exported from the main transaction. Falls back to one connection when
     * the server cannot share the snapshot.
     */
    public Snapshot read(Connection conn, Connection helper) throws SQLException {
        try (Transaction main = new Transaction(conn, options); Statement st = main.statement()) {
            CompletableFuture<List<ColumnRow>> columns = null;
            if (helper != null) {
                String snapshotId = exportSnapshot(st);
                if (snapshotId != null) {
                    columns = readColumnsAsync(helper, snapshotId);
                }
            }
            return readAll(st, columns);
        }
    }

    private static String exportSnapshot(Statement st) {
        try {
            return single(st, "SELECT pg_export_snapshot()");
        } catch (SQLException e) {
            // e.g. on a hot standby: read everything on the main connection instead
            return null;
        }
    }

    private CompletableFuture<List<ColumnRow>> readColumnsAsync(Connection helper, String snapshotId) {
        CompletableFuture<List<ColumnRow>> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (Transaction tx = new Transaction(helper, options, snapshotId); Statement st = tx.statement()) {
                result.complete(readColumns(st));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "catalog-columns");
        reader.setDaemon(true);
        reader.start();
        return result;
    }

    /** One table's column as read, with the attribute number foreign keys refer to. */
    private record ColumnRow(long relid, int attnum, Column column) {
    }

    private List<ColumnRow> readColumns(Statement st) throws SQLException {
        return query(st, CatalogSql.COLUMNS, rs -> new ColumnRow(rs.getLong(1), rs.getInt(12),
                new Column(rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5),
                        identity(rs.getString(6)), rs.getString(7), collation(rs.getString(8), rs.getString(9)),
                        rs.getBoolean(10), rs.getString(11), identityOptions(rs), options(rs.getString(19)))));
    }

    private Snapshot readAll(Statement st, CompletableFuture<List<ColumnRow>> columnsOnHelper) throws SQLException {
        String version = single(st, "SHOW server_version");
        List<Namespace> schemas = query(st, CatalogSql.SCHEMAS, rs -> new Namespace(rs.getString(1), rs.getString(2)));
        List<Extension> extensions = query(st, CatalogSql.EXTENSIONS,
                rs -> new Extension(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(5),
                        rs.getArray(4) == null ? null : strings(rs.getArray(4))));
        List<EnumType> enums = query(st, CatalogSql.ENUMS,
                rs -> new EnumType(rs.getString(1), rs.getString(2), strings(rs.getArray(3)), rs.getString(4)));
        List<Domain> domains = query(st, CatalogSql.DOMAINS, this::domain);
        List<Sequence> sequences = query(st, CatalogSql.SEQUENCES, this::sequence);

        Map<Long, TableBuilder> tables = new LinkedHashMap<>();
        for (TableBuilder t : query(st, CatalogSql.TABLES, TableBuilder::read)) {
            if (!options.excludedTables().contains(t.name)) {
                tables.put(t.oid, t);
            }
        }
        List<RawConstraint> raw = new ArrayList<>();
        forEach(st, CatalogSql.CONSTRAINTS, rs -> {
            TableBuilder t = tables.get(rs.getLong(1));
            if (t != null) {
                raw.add(new RawConstraint(t, rs.getString(2), rs.getString(3), rs.getString(4), ints(rs.getArray(5)),
                        rs.getString(6), rs.getString(7), rs.getLong(8), ints(rs.getArray(9)), rs.getString(10),
                        rs.getString(11), rs.getBoolean(12), rs.getBoolean(13), rs.getBoolean(14), rs.getString(15),
                        rs.getBoolean(16)));
            }
        });
        Map<Long, Map<Integer, String>> columnNames = new HashMap<>();
        for (ColumnRow row : columnsOnHelper == null ? readColumns(st) : join(columnsOnHelper)) {
            TableBuilder t = tables.get(row.relid());
            if (t != null) {
                columnNames.computeIfAbsent(t.oid, k -> new HashMap<>()).put(row.attnum(), row.column().name());
                t.columns.add(row.column());
            }
        }
        addOutsideColumns(st, raw, columnNames);
        for (RawConstraint c : raw) {
            c.table().constraints.add(c.resolve(columnNames));
        }

        List<View> views = new ArrayList<>();
        Map<Long, String> relations = new HashMap<>();
        tables.forEach((oid, t) -> relations.put(oid, Sql.qualified(t.schema, t.name)));
        Map<Long, List<View.ViewColumn>> viewColumns = new HashMap<>();
        forEach(st, CatalogSql.VIEW_COLUMNS, rs -> viewColumns.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                .add(new View.ViewColumn(rs.getString(2), rs.getString(3), rs.getString(4), options(rs.getString(6)))));
        forEach(st, CatalogSql.VIEWS, rs -> {
            View v = new View(rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5), rs.getString(6),
                    options(rs.getString(12)), viewColumns.get(rs.getLong(1)), rs.getBoolean(11),
                    new Access(rs.getString(7), grants(rs.getString(8)), rs.getBoolean(9), rs.getBoolean(10)),
                    rs.getString(13), rs.getString(14));
            views.add(v);
            relations.put(rs.getLong(1), v.qualifiedName());
        });

        List<Index> indexes = new ArrayList<>();
        forEach(st, CatalogSql.INDEXES, rs -> {
            String table = relations.get(rs.getLong(1));
            String attachedTo = rs.getString(10) == null ? null : Sql.qualified(rs.getString(9), rs.getString(10));
            if (table != null && (attachedTo == null || !rs.getBoolean(11)
                    || !GeneratedNames.isGenerated(Sql.unqualify(table), rs.getString(3)))) {
                indexes.add(new Index(table, rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getBoolean(8), attachedTo));
            }
        });
        List<Function> functions = query(st, CatalogSql.FUNCTIONS, rs -> new Function(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getString(6), rs.getString(7),
                rs.getString(8), new Access(rs.getString(9), grants(rs.getString(10)), rs.getBoolean(11), false)));
        List<Trigger> triggers = new ArrayList<>();
        forEach(st, CatalogSql.TRIGGERS, rs -> {
            String table = relations.get(rs.getLong(1));
            if (table != null) {
                triggers.add(new Trigger(table, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        });

        List<Rule> rules = new ArrayList<>();
        forEach(st, CatalogSql.RULES, rs -> {
            String table = relations.get(rs.getLong(1));
            if (table != null) {
                rules.add(new Rule(table, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        });
        List<Policy> policies = new ArrayList<>();
        forEach(st, CatalogSql.POLICIES, rs -> {
            String table = relations.get(rs.getLong(1));
            if (table != null) {
                policies.add(PolicyRow.read(table, rs));
            }
        });

        forEach(st, CatalogSql.TRIGGER_STATES, rs -> {
            TableBuilder t = tables.get(rs.getLong(1));
            if (t != null) {
                t.triggerStates.put(rs.getString(2), rs.getString(3));
            }
        });
        List<Table> tableList = tables.values().stream().map(TableBuilder::build).toList();
        MoreKindsReader more = new MoreKindsReader(st, namespaceFilter());
        PrivilegeReader privileges = new PrivilegeReader(st, namespaceFilter(), options.excludedTables());
        CollationReader text = new CollationReader(st, namespaceFilter());
        return Privileges.ignoring(new Snapshot(version, schemas, extensions, enums, domains, sequences, tableList,
                indexes, views, functions, triggers, rules, policies, more.compositeTypes(), more.aggregates(),
                more.eventTriggers(), text.collations(), text.dictionaries(), text.configs(), privileges.privileges(),
                privileges.roles()), options.ignoredGrantees());
    }

    private static List<ColumnRow> join(CompletableFuture<List<ColumnRow>> future) throws SQLException {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
    }

    private Domain domain(ResultSet rs) throws SQLException {
        List<String> names = strings(rs.getArray(8));
        List<String> defs = strings(rs.getArray(9));
        List<Domain.DomainCheck> checks = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            checks.add(new Domain.DomainCheck(names.get(i), defs.get(i)));
        }
        return new Domain(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5),
                collation(rs.getString(6), rs.getString(7)), checks, rs.getString(10));
    }

    private Sequence sequence(ResultSet rs) throws SQLException {
        String ownedBy = rs.getString(10) == null ? null
                : Sql.qualified(rs.getString(10), rs.getString(11)) + "." + Sql.ident(rs.getString(12));
        return new Sequence(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getBoolean(9), ownedBy, rs.getString(13));
    }

    /** Foreign keys may reference tables the snapshot does not cover (another schema); fetch their names. */
    private void addOutsideColumns(Statement st, List<RawConstraint> raw, Map<Long, Map<Integer, String>> names)
            throws SQLException {
        Set<Long> missing = new java.util.TreeSet<>();
        raw.stream().filter(c -> c.refOid() != 0 && !names.containsKey(c.refOid())).forEach(c -> missing.add(c.refOid()));
        if (missing.isEmpty()) {
            return;
        }
        String oids = missing.stream().map(String::valueOf).collect(Collectors.joining(", "));
        try (ResultSet rs = st.executeQuery(String.format(CatalogSql.REFERENCED_COLUMNS, oids))) {
            while (rs.next()) {
                names.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getInt(2), rs.getString(3));
            }
        }
    }

    /** A constraint row whose key columns are still attribute numbers. */
    private record RawConstraint(TableBuilder table, String name, String code, String definition, int[] keys,
                                 String refSchema, String refName, long refOid, int[] refKeys, String onDelete,
                                 String onUpdate, boolean deferrable, boolean deferred, boolean validated,
                                 String comment, boolean triggersDisabled) {
        Constraint resolve(Map<Long, Map<Integer, String>> names) {
            Constraint.Type type = Constraint.Type.ofCode(code);
            boolean fk = type == Constraint.Type.FOREIGN_KEY;
            return new Constraint(name, type, definition, columnList(names.get(table.oid), keys),
                    fk ? Sql.qualified(refSchema, refName) : null, fk ? columnList(names.get(refOid), refKeys) : List.of(),
                    fk ? action(onDelete) : null, fk ? action(onUpdate) : null, deferrable, deferred, validated,
                    comment, triggersDisabled);
        }

        private static List<String> columnList(Map<Integer, String> byNumber, int[] numbers) {
            List<String> out = new ArrayList<>();
            for (int n : numbers) {
                // 0 stands for an expression in an exclusion constraint
                out.add(byNumber == null || n == 0 ? "?" : byNumber.getOrDefault(n, "?"));
            }
            return out;
        }
    }

    private static String action(String code) {
        return switch (code) {
            case "r" -> "RESTRICT";
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            default -> "NO ACTION";
        };
    }

    private static String identityOptions(ResultSet rs) throws SQLException {
        if (identity(rs.getString(6)) == null || rs.getString(13) == null) {
            return null;
        }
        return new IdentitySequence(rs.getLong(13), rs.getLong(14), rs.getLong(15), rs.getLong(16), rs.getLong(17),
                rs.getBoolean(18)).describe(rs.getString(3));
    }

    private static String identity(String code) {
        return switch (code == null ? "" : code) {
            case "a" -> "ALWAYS";
            case "d" -> "BY DEFAULT";
            default -> null;
        };
    }

    /** A collation as SQL can name it; pg_catalog's need no schema. */
    static String collation(String schema, String name) {
        if (name == null) {
            return null;
        }
        return "pg_catalog".equals(schema) ? Sql.ident(name) : Sql.qualified(schema, name);
    }

    private String namespaceFilter() {
        StringBuilder filter = new StringBuilder("n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"
                + " AND n.nspname !~ '^pg_(toast_)?temp_'");
        if (!options.schemas().isEmpty()) {
            filter.append(" AND n.nspname IN (")
                    .append(options.schemas().stream().map(Sql::literal).collect(Collectors.joining(", ")))
                    .append(')');
        }
        return filter.toString();
    }

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(Statement st, String sql, RowMapper<T> mapper) throws SQLException {
        List<T> out = new ArrayList<>();
        forEach(st, sql, rs -> out.add(mapper.map(rs)));
        return out;
    }

    private void forEach(Statement st, String sql, RowConsumer consumer) throws SQLException {
        try (ResultSet rs = st.executeQuery(String.format(sql, namespaceFilter()))) {
            while (rs.next()) {
                consumer.accept(rs);
            }
        }
    }

    private static String single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

}
