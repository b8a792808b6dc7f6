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
 * converts, in one scan per table, before and after, inside the plan's transaction. The checksum sums a hash of
 * each value's text, so it ignores row order. Before, each converted column is read through the expression its
 * step converts it with; after, as it is: equal sums mean every row holds what its conversion promised, also when
 * a conversion changes the text (numeric scale, time zones, a USING that trims). One instance serves one attempt.
 */
final class Figures {
    /** Table (as the plan writes it) to what it converts, in the plan's order; no columns when it only locks it. */
    private final Map<String, Converted> tables;
    private final Map<String, Scan> before = new LinkedHashMap<>();
    /** Tables whose new types do not exist before the plan's first step, by the step that converts them. */
    private final Map<String, Integer> deferred = new LinkedHashMap<>();
    private long nanos;

    /** A table's converted columns, the value each will hold, the step that first converts it, and its zone. */
    private record Converted(List<String> columns, List<String> values, int firstStep, String zone) {
    }

    /** One table's figures: rows, a checksum per converted column, and the TimeZone their text was read in. */
    record Scan(long rows, Map<String, String> checksums, String zone) {
    }

    private Figures(Map<String, Converted> tables) {
        this.tables = tables;
    }

    static Figures of(Plan plan) {
        Map<String, Converted> tables = new LinkedHashMap<>();
        List<Step> steps = plan.inTransaction();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            for (Step.Lock lock : step.locks()) {
                tables.putIfAbsent(lock.table(), new Converted(List.of(), List.of(), -1, null));
            }
            for (Step.Conversion c : step.conversions()) {
                Converted was = tables.getOrDefault(c.table(), new Converted(List.of(), List.of(), -1, null));
                List<String> columns = new ArrayList<>(was.columns());
                List<String> values = new ArrayList<>(was.values());
                for (int k = 0; k < c.columns().size(); k++) {
                    if (!columns.contains(c.columns().get(k))) {
                        columns.add(c.columns().get(k));
                        values.add(c.values().get(k));
                    }
                }
                tables.put(c.table(), new Converted(columns, values, was.firstStep() < 0 ? i : was.firstStep(),
                        was.zone() != null ? was.zone() : c.timeZone()));
            }
        }
        return new Figures(tables);
    }

    List<String> tables() {
        return List.copyOf(tables.keySet());
    }

    /** How long counting and checksumming took so far: the proof's own cost. */
    Duration spent() {
        return Duration.ofNanos(nanos);
    }

    /**
     * Before the first step: every table, except that a table whose conversion names a type the plan has yet to
     * create is read just before the step that converts it (nothing before that step changes its rows).
     */
    void beforeFirstStep(Statement st) throws SQLException {
        for (Map.Entry<String, Converted> t : tables.entrySet()) {
            if (t.getValue().columns().isEmpty()) {
                scanBefore(st, t.getKey());
                continue;
            }
            st.execute("SAVEPOINT schemabot_figures");
            try {
                scanBefore(st, t.getKey());
                st.execute("RELEASE SAVEPOINT schemabot_figures");
            } catch (SQLException e) {
                if (e.getSQLState() == null || !e.getSQLState().startsWith("42")) {
                    throw e; // a lock timeout or a lost connection is the attempt's, not a type yet to be made
                }
                st.execute("ROLLBACK TO SAVEPOINT schemabot_figures");
                deferred.put(t.getKey(), t.getValue().firstStep());
            }
        }
    }

    /** Just before step {@code index} (from 0): the tables deferred to it. */
    void beforeStep(Statement st, int index) throws SQLException {
        for (String table : List.copyOf(deferred.keySet())) {
            if (deferred.get(table) == index) {
                deferred.remove(table);
                scanBefore(st, table);
            }
        }
    }

    /** After the last step, each table read in the TimeZone its "before" was read in, and compared. */
    Proof after(Statement st) throws SQLException {
        List<Proof.TableRows> rows = new ArrayList<>();
        List<Proof.ColumnChecksum> columns = new ArrayList<>();
        for (Map.Entry<String, Converted> t : tables.entrySet()) {
            String table = t.getKey();
            Scan was = before.get(table);
            Scan now = scan(st, table, t.getValue().columns(), was == null ? null : was.zone());
            rows.add(new Proof.TableRows(table, was == null ? null : was.rows(), now == null ? null : now.rows()));
            for (String column : t.getValue().columns()) {
                columns.add(new Proof.ColumnChecksum(table, column, was == null ? null : was.checksums().get(column),
                        now == null ? null : now.checksums().get(column)));
            }
        }
        return new Proof(rows, columns, Duration.ZERO, Duration.ZERO, null).withProving(spent());
    }

    private void scanBefore(Statement st, String table) throws SQLException {
        Converted c = tables.get(table);
        Scan scan = scan(st, table, c.values(), c.zone());
        if (scan != null) {
            before.put(table, scan);
        }
    }

    /**
     * Rows of {@code table} and the checksum of each expression (keyed by the table's converted column), read with
     * TimeZone {@code zone} when given (then put back); null when the table does not exist at this point.
     */
    private Scan scan(Statement st, String table, List<String> expressions, String zone) throws SQLException {
        long started = System.nanoTime();
        try {
            if (!isTable(st, table)) {
                return null;
            }
            String was = setting(st, "current_setting('TimeZone')");
            if (zone != null && !zone.equals(was)) {
                setting(st, "set_config('TimeZone', " + Sql.literal(zone) + ", true)");
            }
            StringBuilder sql = new StringBuilder("SELECT count(*)");
            for (String e : expressions) {
                sql.append(", count(").append(e).append("), coalesce(sum(hashtextextended((").append(e)
                        .append(")::text, 0)::numeric), 0)");
            }
            sql.append(" FROM ").append(table);
            Map<String, String> checksums = new LinkedHashMap<>();
            long rows;
            try (ResultSet rs = st.executeQuery(sql.toString())) {
                rs.next();
                rows = rs.getLong(1);
                List<String> columns = tables.get(table).columns();
                for (int i = 0; i < expressions.size(); i++) {
                    checksums.put(columns.get(i), rs.getLong(2 + 2 * i) + " values, sum "
                            + rs.getBigDecimal(3 + 2 * i).toPlainString());
                }
            }
            if (zone != null && !zone.equals(was)) {
                setting(st, "set_config('TimeZone', " + Sql.literal(was) + ", true)");
            }
            return new Scan(rows, checksums, zone != null ? zone : was);
        } finally {
            nanos += System.nanoTime() - started;
        }
    }

    private static String setting(Statement st, String expression) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT " + expression)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Views, sequences and indexes a step locks hold no rows of their own to prove. */
    private static boolean isTable(Statement st, String table) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT relkind IN ('r', 'p') FROM pg_class WHERE oid = to_regclass("
                + Sql.literal(table) + ")")) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
