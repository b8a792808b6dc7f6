package io.schemabot.diff;

import io.schemabot.schema.Column;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds tables whose columns will stand in another order than TO's once the plan is made: FROM's columns that TO
 * keeps, in FROM's order, then TO's new ones, which ADD COLUMN puts at the end. Columns dropped do not count, nor do
 * new columns TO has at its end. What it finds is cosmetic: no plan makes it.
 */
final class ColumnOrder {
    private ColumnOrder() {
    }

    static List<Change> between(Snapshot from, Snapshot to) {
        List<Change> found = new ArrayList<>();
        for (Table b : to.tables()) {
            Optional<Table> a = from.table(b.qualifiedName());
            if (a.isEmpty()) {
                continue;
            }
            List<String> wanted = names(b);
            Set<String> kept = Set.copyOf(wanted);
            List<String> planned = new ArrayList<>(names(a.get()).stream().filter(kept::contains).toList());
            wanted.stream().filter(n -> !planned.contains(n)).forEach(planned::add);
            if (!planned.equals(wanted)) {
                found.add(new TableChange.ColumnOrderDiffers(b.qualifiedName(), quoted(planned), quoted(wanted)));
            }
        }
        return found;
    }

    private static List<String> names(Table t) {
        return t.columns().stream().map(Column::name).toList();
    }

    private static List<String> quoted(List<String> names) {
        return names.stream().map(Sql::ident).collect(Collectors.toList());
    }
}
