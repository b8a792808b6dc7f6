package io.schemabot.diff;

import io.schemabot.schema.Column;
import io.schemabot.schema.Constraint;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds foreign keys whose column types differ from the referenced key's: within each side, and between a
 * foreign key of TO and the key it references as FROM has it, which is the FK a pending migration would
 * fail to create.
 */
final class ForeignKeyTypes {
    private ForeignKeyTypes() {
    }

    static List<Incompatibility> check(Snapshot from, Snapshot to) {
        List<Incompatibility> found = new ArrayList<>();
        Map<String, Table> fromTables = index(from);
        Map<String, Table> toTables = index(to);
        compare("from", from, fromTables, fromTables, found);
        compare("to", to, toTables, toTables, found);
        List<Incompatibility> inTo = List.copyOf(found);
        List<Incompatibility> pending = new ArrayList<>();
        compare("pending", to, toTables, fromTables, pending);
        // A mismatch that TO already has on its own says nothing new about FROM.
        pending.removeIf(p -> inTo.stream().anyMatch(t -> t.constraint().equals(p.constraint())
                && t.table().equals(p.table()) && t.refTypes().equals(p.refTypes())));
        found.addAll(pending);
        return found;
    }

    private static Map<String, Table> index(Snapshot s) {
        return s.tables().stream().collect(Collectors.toMap(Table::qualifiedName, Function.identity(), (a, b) -> a));
    }

    /** Checks the FKs of {@code owner} with column types from {@code own} against keys in {@code referenced}. */
    private static void compare(String side, Snapshot owner, Map<String, Table> own, Map<String, Table> referenced,
                                List<Incompatibility> out) {
        for (Table table : owner.tables()) {
            for (Constraint fk : table.foreignKeys()) {
                Table target = referenced.get(fk.refTable());
                if (target == null) {
                    continue;
                }
                List<String> types = types(own.get(table.qualifiedName()), fk.columns());
                List<String> refTypes = types(target, fk.refColumns());
                if (types.contains(null) || refTypes.contains(null) || types.equals(refTypes)) {
                    continue;
                }
                out.add(new Incompatibility(side, table.qualifiedName(), fk.name(), fk.columns(), types,
                        fk.refTable(), fk.refColumns(), refTypes));
            }
        }
    }

    private static List<String> types(Table table, List<String> columns) {
        List<String> types = new ArrayList<>();
        for (String name : columns) {
            types.add(table.column(name).map(Column::type).orElse(null));
        }
        return types;
    }
}
