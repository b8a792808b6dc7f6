package io.schemabot.plan;

import io.schemabot.secret.Redactor;
import io.schemabot.schema.Column;
import io.schemabot.schema.Constraint;
import io.schemabot.schema.Index;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.sql.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds the read-only queries that prove risky steps will succeed, and runs them against the FROM database.
 * Every query has the shape {@code SELECT count(*), min(example) FROM ... WHERE <row would fail>}.
 */
public final class DataChecks {
    /** A partition key of one plain column, as pg_get_partkeydef writes it. */
    private static final Pattern PARTITION_KEY =
            Pattern.compile("^(RANGE|LIST) \\((\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*)\\)$");
    private static final Pattern RANGE_BOUND = Pattern.compile("^FOR VALUES FROM \\((.+)\\) TO \\((.+)\\)$");
    private static final Pattern LIST_BOUND = Pattern.compile("^FOR VALUES IN \\((.+)\\)$");
    /** Where pg_get_indexdef opens an index's key list. */
    private static final Pattern INDEX_KEYS = Pattern.compile(" USING \\w+ \\(");
    /**
     * Sort order does not change which keys are equal, nor do the pattern operator classes: their equality is the
     * type's own (they only sort byte by byte).
     */
    private static final Pattern ORDERING = Pattern.compile(
            "( (pg_catalog\\.)?(text|varchar|bpchar)_pattern_ops)?( (ASC|DESC))?( NULLS (FIRST|LAST))?$");
    /** A column, or an expression in parentheses or a function call, with a collation at most. */
    private static final Pattern PLAIN_KEY = Pattern.compile(
            "^(?:\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*|\\(.*\\)|[a-z_][a-z0-9_$.]*\\(.*\\))"
                    + "(?: COLLATE (?:\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$.]*))?$");

    private final Snapshot from;
    private final int serverMajor;
    private final List<DataCheck> checks = new ArrayList<>();

    DataChecks(Snapshot from) {
        this.from = from;
        this.serverMajor = from.serverMajor();
    }

    List<DataCheck> all() {
        return List.copyOf(checks);
    }

    /** The check that fits how {@code tc} converts: the same conversion the ALTER runs, or one that agrees with it. */
    void forTypeChange(String table, Column was, Column will, TypeChange tc) {
        if (from.table(table).isEmpty()) {
            return;
        }
        String col = Sql.ident(was.name());
        String object = table + "." + col;
        String failing = "values of " + object + " that do not convert to " + will.type();
        switch (tc.proof()) {
            case NONE -> {
            }
            case LENGTH -> add(object, "values of " + object + " longer than " + tc.maxLength() + " characters",
                    table, "length(" + col + "::text) > " + tc.maxLength(), col + "::text");
            case CHANGES -> add(object, "values of " + object + " that " + will.type() + " would change", table,
                    col + "::" + will.type() + "::" + was.type() + " IS DISTINCT FROM " + col, col + "::text");
            case RANGE -> {
                add(object, failing, table, outOfRange(col, tc.target()), col + "::text");
                Integer scale = roundedTo(TypeChange.Type.parse(was.type()), tc.target());
                if (scale != null) {
                    // not an error: PostgreSQL rounds such a value silently (2.5 becomes the integer 3)
                    String value = tc.target().array() ? "x.v" : col;
                    String rounded = value + "::numeric <> round(" + value + "::numeric, " + scale + ")"
                            + " AND " + value + "::numeric <> 'NaN'";
                    add(object, "values of " + object + " that " + will.type() + " would round", table,
                            tc.target().array() ? "EXISTS (SELECT FROM unnest(" + col + ") AS x(v) WHERE " + rounded
                                    + ")" : col + " IS NOT NULL AND " + rounded, col + "::text");
                }
            }
            case CONVERSION -> add(object, failing + " (each value is converted; an error names the first that fails)",
                    // OFFSET 0 keeps PostgreSQL from skipping the conversion of any row
                    "(SELECT " + col + ", " + tc.using() + " AS schemabot_converted FROM " + table + " OFFSET 0) v",
                    col + " IS NOT NULL AND schemabot_converted IS NULL", col + "::text");
            case INPUT -> {
                String bad = invalidAs(col, will.type());
                if (bad == null) {
                    checks.add(new DataCheck(object, failing, null, null, null,
                            "PostgreSQL " + serverMajor + " has no pg_input_is_valid (16+)", null));
                } else {
                    add(object, failing, table, bad, col + "::text");
                }
            }
        }
    }

    /**
     * A predicate true for numbers that a cast to {@code target} (an integer type or numeric(p,s), or an array
     * of one) refuses. Casts to integers round, so the rounded value must fit.
     */
    /** The decimal places a cast to {@code target} rounds values of {@code source} to, or null if it keeps them. */
    private static Integer roundedTo(TypeChange.Type source, TypeChange.Type target) {
        TypeChange.Type from = source.element();
        boolean fractions = from.base().equals("real") || from.base().equals("double precision")
                || from.base().equals("numeric");
        if (!fractions) {
            return null;
        }
        int scale = List.of("smallint", "integer", "bigint").contains(target.base()) ? 0
                : target.mod2() == null ? 0 : target.mod2();
        boolean keeps = from.base().equals("numeric") && from.mod1() != null
                && (from.mod2() == null ? 0 : from.mod2()) <= scale;
        return keeps ? null : scale;
    }

    private static String outOfRange(String col, TypeChange.Type target) {
        String value = target.array() ? "x.v" : col;
        String outside = switch (target.base()) {
            case "smallint" -> "round(" + value + "::numeric) NOT BETWEEN -32768 AND 32767";
            case "integer" -> "round(" + value + "::numeric) NOT BETWEEN -2147483648 AND 2147483647";
            case "bigint" -> "round(" + value + "::numeric) NOT BETWEEN -9223372036854775808 AND 9223372036854775807";
            default -> {
                int scale = target.mod2() == null ? 0 : target.mod2();
                // numeric(p,s) keeps NaN and p-s digits before the point, after rounding to s places
                yield "abs(round(" + value + "::numeric, " + scale + ")) >= 1e" + (target.mod1() - scale)
                        + " AND " + value + "::numeric <> 'NaN'";
            }
        };
        return target.array() ? "EXISTS (SELECT FROM unnest(" + col + ") AS x(v) WHERE " + outside + ")"
                : col + " IS NOT NULL AND " + outside;
    }

    /** A predicate true for values that will not convert; null when this server cannot tell. */
    private String invalidAs(String col, String type) {
        if (serverMajor >= 16) {
            return col + " IS NOT NULL AND NOT pg_input_is_valid(" + col + "::text, " + Sql.literal(type) + ")";
        }
        if (type.equals("uuid")) {
            return col + " IS NOT NULL AND " + col
                    + "::text !~* '^\\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\\}?$'";
        }
        if (type.equals("integer") || type.equals("bigint") || type.equals("smallint")) {
            return col + " IS NOT NULL AND " + col + "::text !~ '^\\s*[-+]?[0-9]+\\s*$'";
        }
        return null;
    }

    /** A sequence whose range the plan ends before its current value: {@code end} is e.g. "values above 100". */
    void forSequenceEnd(String sequence, SequenceRange.End end) {
        add(sequence, "sequence " + sequence + " has handed out " + end, sequence, end.pastIt("last_value"),
                "last_value::text");
    }

    void forIdentityEnd(String table, String quotedColumn, SequenceRange.End end) {
        add(table + "." + quotedColumn, "rows of " + table + " whose identity " + quotedColumn + " holds " + end, table,
                end.pastIt(quotedColumn), quotedColumn + "::text");
    }

    void forNotNull(String table, String quotedColumn) {
        if (from.table(table).map(t -> hasColumn(t, quotedColumn)).orElse(false)) {
            add(table + "." + quotedColumn, "rows of " + table + " where " + quotedColumn + " is NULL", table,
                    quotedColumn + " IS NULL", examplePrimaryKey(table));
        }
    }

    void forNewRequiredColumn(String table, String quotedColumn) {
        add(table + "." + quotedColumn, "rows of " + table + " that a NOT NULL column without default cannot fill",
                table, "true", examplePrimaryKey(table));
    }

    void forNewConstraint(String table, Constraint k) {
        Optional<Table> existing = from.table(table);
        if (existing.isEmpty() || !k.columns().stream().allMatch(c -> hasColumn(existing.get(), Sql.ident(c)))) {
            return;
        }
        String object = table + "." + Sql.ident(k.name());
        switch (k.type()) {
            case PRIMARY_KEY, UNIQUE -> {
                String cols = Sql.idents(k.columns());
                // NULLS NOT DISTINCT makes two NULLs a duplicate too
                String notNull = k.definition().contains("NULLS NOT DISTINCT") ? "true" : k.columns().stream()
                        .map(c -> Sql.ident(c) + " IS NOT NULL").collect(Collectors.joining(" AND "));
                checks.add(DataCheck.of(object, "duplicate (" + cols + ") in " + table,
                        "SELECT count(*), min(dup) FROM (SELECT (" + cols + ")::text AS dup FROM " + table + " WHERE "
                                + notNull + " GROUP BY " + cols + " HAVING count(*) > 1) d"));
            }
            case CHECK -> {
                String expr = k.definition().replaceFirst("^CHECK ", "").replaceFirst(" NOT VALID$", "");
                add(object, "rows of " + table + " violating " + k.definition(), table, "NOT " + expr,
                        examplePrimaryKey(table));
            }
            default -> {
            }
        }
    }

    /** Whether a check was added: none when the plan itself makes the key's columns or the referenced table. */
    boolean forNewForeignKey(String table, Constraint fk) {
        Optional<Table> child = from.table(table);
        Optional<Table> parent = from.table(fk.refTable());
        if (child.isEmpty() || parent.isEmpty()
                || !fk.columns().stream().allMatch(c -> hasColumn(child.get(), Sql.ident(c)))
                || !fk.refColumns().stream().allMatch(c -> hasColumn(parent.get(), Sql.ident(c)))) {
            return false;
        }
        List<String> joins = new ArrayList<>();
        List<String> present = new ArrayList<>();
        for (int i = 0; i < fk.columns().size(); i++) {
            String c = Sql.ident(fk.columns().get(i));
            String p = Sql.ident(fk.refColumns().get(i));
            boolean sameType = type(child.get(), c).equals(type(parent.get(), p));
            joins.add(sameType ? "p." + p + " = c." + c : "p." + p + "::text = c." + c + "::text");
            present.add("c." + c + " IS NOT NULL");
        }
        String example = fk.columns().size() == 1 ? "c." + Sql.ident(fk.columns().get(0)) + "::text"
                : "(" + fk.columns().stream().map(x -> "c." + Sql.ident(x)).collect(Collectors.joining(", ")) + ")::text";
        checks.add(DataCheck.of(table + "." + Sql.ident(fk.name()), "rows of " + table + " referencing missing "
                        + fk.refTable() + " rows",
                "SELECT count(*), min(" + example + ") FROM " + table + " c WHERE (" + String.join(" AND ", present)
                        + " AND NOT EXISTS (SELECT 1 FROM " + fk.refTable() + " p WHERE " + String.join(" AND ", joins)
                        + "))" + partlyNull(fk)));
        return true;
    }

    /**
     * Duplicates under a new unique index, for keys of columns and expressions (another operator class in the key
     * could compare otherwise, so such an index gets no check): grouped as the index would compare them, under
     * its predicate, NULLs apart unless NULLS NOT DISTINCT.
     */
    void forNewUniqueIndex(String table, Index index) {
        String def = index.definition();
        Matcher using = INDEX_KEYS.matcher(def);
        if (from.table(table).isEmpty() || !using.find()) {
            return;
        }
        int open = using.end() - 1;
        int close = SqlText.closing(def, open);
        if (close < 0) {
            return;
        }
        List<String> keys = new ArrayList<>();
        for (String element : SqlText.topLevel(def.substring(open + 1, close))) {
            String key = ORDERING.matcher(element.strip()).replaceAll("");
            if (!PLAIN_KEY.matcher(key).matches()) {
                return;
            }
            keys.add(key);
        }
        String rest = def.substring(close + 1);
        int where = rest.indexOf(" WHERE ");
        List<String> filters = new ArrayList<>();
        if (where >= 0) {
            filters.add("(" + rest.substring(where + " WHERE ".length()) + ")");
        }
        if (!rest.contains("NULLS NOT DISTINCT")) {
            keys.forEach(k -> filters.add(k + " IS NOT NULL"));
        }
        String cols = String.join(", ", keys);
        checks.add(DataCheck.of(index.qualifiedName(), "duplicate (" + cols + ") under new unique index "
                + index.qualifiedName(), "SELECT count(*), min(dup) FROM (SELECT (" + cols + ")::text AS dup FROM "
                + table + (filters.isEmpty() ? "" : " WHERE " + String.join(" AND ", filters)) + " GROUP BY " + cols
                + " HAVING count(*) > 1) d"));
    }

    /** MATCH FULL refuses a key that is NULL in some columns but not all: such rows violate it too. */
    private static String partlyNull(Constraint fk) {
        if (!fk.definition().contains("MATCH FULL") || fk.columns().size() < 2) {
            return "";
        }
        String cols = fk.columns().stream().map(x -> "c." + Sql.ident(x)).collect(Collectors.joining(", "));
        return " OR num_nulls(" + cols + ") BETWEEN 1 AND " + (fk.columns().size() - 1);
    }

    /**
     * Values of a column of the domain that {@code refused} (an expression over VALUE, as a domain's check is
     * written) is true for. VALUE names the column of the innermost subquery, so a column of the table that is
     * itself called "value" does not capture it; ONLY, because inheritance children are checked on their own.
     */
    void forDomainValues(DomainUsers.ColumnRef column, String description, String refused) {
        String col = Sql.ident(column.column());
        String object = column.table() + "." + col;
        add(object, "values of " + object + " " + description, "ONLY " + column.table() + " t",
                "EXISTS (SELECT FROM (SELECT t." + col + " AS value) v WHERE " + refused + ")", "t." + col + "::text");
    }

    /**
     * Rows of the DEFAULT partition that a new partition's bounds take: PostgreSQL refuses the new partition while
     * they sit in the default one. Checked for a single plain key column, bounded by FROM/TO or IN.
     */
    void forNewPartition(String defaultPartition, String partitionKey, String bound, String partition) {
        Matcher key = PARTITION_KEY.matcher(partitionKey);
        if (!key.matches()) {
            return;
        }
        String col = key.group(2);
        String predicate = null;
        Matcher range = RANGE_BOUND.matcher(bound);
        Matcher list = LIST_BOUND.matcher(bound);
        if (key.group(1).equals("RANGE") && range.matches()) {
            List<String> sides = new ArrayList<>();
            if (!range.group(1).equals("MINVALUE")) {
                sides.add(col + " >= " + range.group(1));
            }
            if (!range.group(2).equals("MAXVALUE")) {
                sides.add(col + " < " + range.group(2));
            }
            predicate = sides.isEmpty() ? "true" : String.join(" AND ", sides);
        } else if (key.group(1).equals("LIST") && list.matches()) {
            predicate = col + " IN (" + list.group(1) + ")" + (list.group(1).contains("NULL") ? " OR " + col + " IS NULL" : "");
        }
        if (predicate != null) {
            add(partition, "rows of the default partition " + defaultPartition + " that belong in " + partition,
                    defaultPartition, predicate, col + "::text");
        }
    }

    /** A check a step class built itself (e.g. EnumRecreation's count of rows holding a removed label). */
    void add(DataCheck check) {
        checks.add(check);
    }

    private void add(String object, String description, String table, String badRow, String example) {
        checks.add(DataCheck.of(object, description, "SELECT count(*), min(" + (example == null ? "NULL" : example)
                + ") FROM " + table + " WHERE " + badRow));
    }

    private String examplePrimaryKey(String table) {
        return from.table(table).flatMap(Table::primaryKey)
                .map(pk -> "(" + Sql.idents(pk.columns()) + ")::text").orElse(null);
    }

    private static boolean hasColumn(Table t, String quoted) {
        return t.columns().stream().anyMatch(c -> Sql.ident(c.name()).equals(quoted));
    }

    private static String type(Table t, String quoted) {
        return t.columns().stream().filter(c -> Sql.ident(c.name()).equals(quoted)).map(Column::type).findFirst()
                .orElse("");
    }

    /**
     * Runs each check in a READ ONLY transaction; a failing query is reported on its check, not thrown: as a row
     * the step fails on when a stored value raised the error, else as not checked.
     */
    public static List<DataCheck> run(Connection conn, List<DataCheck> checks, Duration timeout) throws SQLException {
        List<DataCheck> results = new ArrayList<>();
        boolean autoCommit = conn.getAutoCommit();
        conn.setAutoCommit(false);
        try {
            for (DataCheck check : checks) {
                if (check.sql() == null) {
                    results.add(check);
                    continue;
                }
                try (Statement st = conn.createStatement()) {
                    st.execute("SET TRANSACTION READ ONLY");
                    st.execute("SET LOCAL statement_timeout = " + timeout.toMillis());
                    try (ResultSet rs = st.executeQuery(check.sql())) {
                        rs.next();
                        results.add(check.withResult(rs.getLong(1), rs.getString(2)));
                    }
                } catch (SQLException e) {
                    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    message = Redactor.urls(message.lines().findFirst().orElse(message));
                    // a data exception (22) or a violated domain check or NOT NULL (23) comes from a stored value
                    // meeting the very expression the step evaluates: the step fails on that row too
                    String state = e.getSQLState() == null ? "" : e.getSQLState();
                    results.add(state.startsWith("22") || state.startsWith("23") ? check.withRowError(message)
                            : check.withError(message, e.getSQLState()));
                } finally {
                    conn.rollback();
                }
            }
        } finally {
            conn.setAutoCommit(autoCommit);
        }
        return results;
    }
}
