package io.schemabot.execute;

import io.schemabot.plan.Plan;
import io.schemabot.plan.Step;
import io.schemabot.sql.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the rows of each table a plan touches (the tables its steps lock or convert) and checksums each column it
 * converts, in one scan per table. The checksum sums a hash of each value's text, so it ignores row order and a
 * conversion that keeps every value's text (uuid to varchar(36)) keeps it too.
 */
final class Figures {
    /** Table (as the plan writes it) to its converted columns (as SQL writes them), in the plan's order. */
    private final Map<String, List<String>> tables;

    private Figures(Map<String, List<String>> tables) {
        this.tables = tables;
    }

    static Figures of(Plan plan) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (Step step : plan.steps()) {
            step.locks().forEach(lock -> tables.computeIfAbsent(lock.table(), t -> new ArrayList<>()));
            for (Step.Conversion c : step.conversions()) {
                List<String> columns = tables.computeIfAbsent(c.table(), t -> new ArrayList<>());
                c.columns().stream().filter(col -> !columns.contains(col)).forEach(columns::add);
            }
        }
        return new Figures(tables);
    }

    List<String> tables() {
        return List.copyOf(tables.keySet());
    }

    /** Rows per table and checksum per "table.column"; a table that does not exist (yet, or any more) is absent. */
    record Taken(Map<String, Long> rows, Map<String, String> checksums) {
    }

    Taken take(Statement st) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, String> checksums = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> table : tables.entrySet()) {
            if (!isTable(st, table.getKey())) {
                continue;
            }
            StringBuilder sql = new StringBuilder("SELECT count(*)");
            for (String column : table.getValue()) {
                sql.append(", count(").append(column).append("), coalesce(sum(hashtextextended(").append(column)
                        .append("::text, 0)::numeric), 0)");
            }
            sql.append(" FROM ").append(table.getKey());
            try (ResultSet rs = st.executeQuery(sql.toString())) {
                rs.next();
                rows.put(table.getKey(), rs.getLong(1));
                for (int i = 0; i < table.getValue().size(); i++) {
                    checksums.put(table.getKey() + "." + table.getValue().get(i),
                            rs.getLong(2 + 2 * i) + " values, sum " + rs.getBigDecimal(3 + 2 * i).toPlainString());
                }
            }
        }
        return new Taken(rows, checksums);
    }

    /** Views, sequences and indexes a step locks hold no rows of their own to prove. */
    private static boolean isTable(Statement st, String table) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT relkind IN ('r', 'p') FROM pg_class WHERE oid = to_regclass("
                + Sql.literal(table) + ")")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Before against after; the times and drift are filled in once the run is over. */
    Proof compare(Taken before, Taken after) {
        List<Proof.TableRows> rows = new ArrayList<>();
        List<Proof.ColumnChecksum> columns = new ArrayList<>();
        tables.forEach((table, cols) -> {
            rows.add(new Proof.TableRows(table, before.rows().get(table), after.rows().get(table)));
            for (String col : cols) {
                String key = table + "." + col;
                columns.add(new Proof.ColumnChecksum(table, col, before.checksums().get(key), after.checksums().get(key)));
            }
        });
        return new Proof(rows, columns, Duration.ZERO, Duration.ZERO, null);
    }
}
