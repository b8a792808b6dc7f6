package io.schemabot.diff;

import io.schemabot.sql.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a definition text as one server prints it: creates the object from the text, in a transaction that is
 * always rolled back, and reads it back with the pg_get_*def function the catalog reader uses. Objects that hang
 * on a table or view are made on a temporary copy of it named like it (a policy's sub-select prints the table's
 * name), so no lock is taken on a real relation and no name clashes with what the database already has.
 */
final class DefinitionRenderer implements AutoCloseable {
    /** What a statement of the rendering may take: it works on temporary objects, a wait means something is wrong. */
    private static final String STATEMENT_TIMEOUT = "10s";
    private static final String LOCK_TIMEOUT = "1s";

    private final Connection conn;
    private final boolean autoCommit;

    /** A table or view of the server's database, as the snapshot names it. */
    record Relation(String qualifiedName, String name, boolean view) {
    }

    private interface Work {
        String run(Statement st) throws SQLException;
    }

    DefinitionRenderer(Connection conn) throws SQLException {
        this.conn = conn;
        this.autoCommit = conn.getAutoCommit();
        conn.setAutoCommit(false);
        try (Statement st = conn.createStatement()) {
            st.execute("SET LOCAL statement_timeout = '" + STATEMENT_TIMEOUT + "'");
            st.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
            // the catalog reader's empty search_path qualifies every user object; pg_catalog first, then the
            // temporary copies, prints the same and keeps a copy from hiding a catalog relation of its name
            st.execute("SET LOCAL search_path = pg_catalog, pg_temp");
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    /** A view's or materialized view's query, as pg_get_viewdef prints it. */
    Optional<String> view(String name, String definition) {
        return inSavepoint(st -> {
            String temp = "pg_temp." + Sql.ident(name);
            st.execute("CREATE TEMPORARY VIEW " + temp + " AS " + statement(definition));
            return single(st, "SELECT pg_get_viewdef(" + regclass(temp) + ", true)");
        });
    }

    /** A CHECK constraint, as pg_get_constraintdef prints it. */
    Optional<String> check(Relation on, String name, String definition) {
        return inSavepoint(st -> {
            String temp = copy(st, on);
            st.execute("ALTER TABLE " + temp + " ADD CONSTRAINT " + Sql.ident(name) + " " + definition);
            return single(st, "SELECT pg_get_constraintdef(oid, true) FROM pg_constraint WHERE conrelid = "
                    + regclass(temp) + " AND conname = " + Sql.literal(name));
        });
    }

    /** A column's default, as pg_get_expr prints it; the column has the server's table's type. */
    Optional<String> columnDefault(Relation on, String column, String expression) {
        return inSavepoint(st -> {
            String temp = copy(st, on);
            st.execute("ALTER TABLE " + temp + " ALTER COLUMN " + Sql.ident(column) + " SET DEFAULT " + expression);
            return expression(st, temp, column);
        });
    }

    /** A stored generated column's expression, as pg_get_expr prints it; the column gets {@code type}. */
    Optional<String> generated(Relation on, String column, String type, String expression) {
        return inSavepoint(st -> {
            String temp = copy(st, on);
            st.execute("ALTER TABLE " + temp + " DROP COLUMN " + Sql.ident(column));
            st.execute("ALTER TABLE " + temp + " ADD COLUMN " + Sql.ident(column) + " " + type
                    + " GENERATED ALWAYS AS (" + expression + ") STORED");
            return expression(st, temp, column);
        });
    }

    /** A CREATE TRIGGER statement, as pg_get_triggerdef prints it, naming the real relation again. */
    Optional<String> trigger(Relation on, String definition) {
        return onCopy(on, definition, " ON ", "SELECT pg_get_triggerdef(oid, true) FROM pg_trigger WHERE tgrelid = ");
    }

    /** A CREATE RULE statement, as pg_get_ruledef prints it, naming the real relation again. */
    Optional<String> rule(Relation on, String definition) {
        return onCopy(on, definition, " TO ", "SELECT pg_get_ruledef(oid, true) FROM pg_rewrite WHERE ev_class = ");
    }

    /** A policy's USING ({@code using} true) or WITH CHECK expression, as pg_get_expr prints it. */
    Optional<String> policyExpression(Relation on, boolean using, String expression) {
        return inSavepoint(st -> {
            String temp = copy(st, on);
            st.execute("CREATE POLICY schemabot_render ON " + temp + (using ? " USING (" : " WITH CHECK (")
                    + expression + ")");
            return single(st, "SELECT pg_get_expr(" + (using ? "polqual" : "polwithcheck") + ", polrelid)"
                    + " FROM pg_policy WHERE polrelid = " + regclass(temp));
        });
    }

    /**
     * A statement that names its relation after {@code keyword} ({@code ON t}, {@code TO t}): made on the copy,
     * read back, and the copy's printed name turned into the relation's again, so the text compares with others.
     */
    private Optional<String> onCopy(Relation on, String definition, String keyword, String read) {
        return inSavepoint(st -> {
            String temp = copy(st, on);
            Matcher real = named(keyword, on.qualifiedName()).matcher(definition);
            if (!real.find()) {
                throw new SQLException("the definition does not name " + on.qualifiedName());
            }
            st.execute(statement(definition.substring(0, real.start()) + keyword + temp
                    + definition.substring(real.end())));
            String printed = single(st, "SELECT " + regclass(temp) + "::text");
            String rendered = single(st, read + regclass(temp));
            Matcher copy = named(keyword, printed).matcher(rendered);
            return copy.find() ? rendered.substring(0, copy.start()) + keyword + on.qualifiedName()
                    + rendered.substring(copy.end()) : rendered;
        });
    }

    /** {@code keyword} then {@code relation} as a whole name: not the start of a longer one. */
    private static Pattern named(String keyword, String relation) {
        return Pattern.compile(Pattern.quote(keyword + relation) + "(?=[\\s;]|$)");
    }

    /** A temporary copy of the relation, named like it: a table's columns and types, or a view's row. */
    private static String copy(Statement st, Relation on) throws SQLException {
        String temp = "pg_temp." + Sql.ident(on.name());
        st.execute(on.view() ? "CREATE TEMPORARY VIEW " + temp + " AS SELECT * FROM " + on.qualifiedName()
                : "CREATE TEMPORARY TABLE " + temp + " (LIKE " + on.qualifiedName() + ")");
        return temp;
    }

    private static String expression(Statement st, String temp, String column) throws SQLException {
        return single(st, "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a"
                + " ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = " + regclass(temp)
                + " AND a.attname = " + Sql.literal(column));
    }

    private static String regclass(String temp) {
        return Sql.literal(temp) + "::regclass";
    }

    /** The text as one statement: the printed forms end with a semicolon. */
    private static String statement(String definition) {
        String s = definition.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
    }

    private static String single(Statement st, String query) throws SQLException {
        try (ResultSet rs = st.executeQuery(query)) {
            if (!rs.next() || rs.getString(1) == null) {
                throw new SQLException("nothing printed by " + query);
            }
            return rs.getString(1);
        }
    }

    /** The work's text, or empty when the server refuses it: then the text means something it cannot make. */
    private Optional<String> inSavepoint(Work work) {
        Savepoint savepoint = null;
        try {
            savepoint = conn.setSavepoint();
            try (Statement st = conn.createStatement()) {
                return Optional.of(work.run(st));
            }
        } catch (SQLException e) {
            return Optional.empty();
        } finally {
            if (savepoint != null) {
                try {
                    // the copies go, so the next object may use the same names
                    conn.rollback(savepoint);
                } catch (SQLException e) {
                    // a broken connection: the next work fails too and keeps its text; close() rolls back
                }
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            conn.rollback();
        } finally {
            conn.setAutoCommit(autoCommit);
        }
    }
}
