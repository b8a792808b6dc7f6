package io.schemabot.diff;

import io.schemabot.schema.Column;
import io.schemabot.schema.Constraint;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds foreign keys whose column types differ from the referenced key's: within each side, and between a
 * foreign key of TO and the key it references as FROM will have it once the changes are made, which is the FK a
 * pending migration would fail to create. A key whose type the changes convert counts with TO's type: a repair
 * that converts a key and its references together leaves nothing that cannot be created.
 */
final class ForeignKeyTypes {
    private ForeignKeyTypes() {
    }

    static List<Incompatibility> check(Snapshot from, Snapshot to, List<Change> changes) {
        List<Incompatibility> found = new ArrayList<>();
        Map<String, Table> fromTables = index(from);
        Map<String, Table> toTables = index(to);
        compare("from", from, fromTables, (t, c) -> type(fromTables.get(t), c), found);
        compare("to", to, toTables, (t, c) -> type(toTables.get(t), c), found);
        List<Incompatibility> inTo = List.copyOf(found);
        List<Incompatibility> pending = new ArrayList<>();
        Set<String> converted = changes.stream().filter(c -> c instanceof TableChange.ColumnTypeChanged)
                .map(Change::object).collect(Collectors.toSet());
        compare("pending", to, toTables, (t, c) -> !fromTables.containsKey(t) ? null
                : converted.contains(t + "." + Sql.ident(c)) ? type(toTables.get(t), c) : type(fromTables.get(t), c),
                pending);
        // A mismatch that TO already has on its own says nothing new about FROM.
        pending.removeIf(p -> inTo.stream().anyMatch(t -> t.constraint().equals(p.constraint())
                && t.table().equals(p.table()) && t.refTypes().equals(p.refTypes())));
        found.addAll(pending);
        return found;
    }

    private static Map<String, Table> index(Snapshot s) {
        return s.tables().stream().collect(Collectors.toMap(Table::qualifiedName, Function.identity(), (a, b) -> a));
    }

    /** A column's type, by qualified table name and column name; null when there is no such column. */
    private interface Types {
        String of(String table, String column);
    }

    /** Checks the FKs of {@code owner} with column types from {@code own} against the key types {@code referenced} gives. */
    private static void compare(String side, Snapshot owner, Map<String, Table> own, Types referenced,
                                List<Incompatibility> out) {
        for (Table table : owner.tables()) {
            for (Constraint fk : table.foreignKeys()) {
                Table mine = own.get(table.qualifiedName());
                List<String> types = fk.columns().stream().map(c -> type(mine, c)).toList();
                List<String> refTypes = fk.refColumns().stream().map(c -> referenced.of(fk.refTable(), c)).toList();
                if (types.contains(null) || refTypes.contains(null) || types.equals(refTypes)) {
                    continue;
                }
                out.add(new Incompatibility(side, table.qualifiedName(), fk.name(), fk.columns(), types,
                        fk.refTable(), fk.refColumns(), refTypes));
            }
        }
    }

    private static String type(Table table, String column) {
        return table == null ? null : table.column(column).map(Column::type).orElse(null);
    }
}
