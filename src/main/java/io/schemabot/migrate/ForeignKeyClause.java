package io.schemabot.migrate;

import io.schemabot.sql.Sql;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The foreign key of a statement that PostgreSQL refused: the table that declares it and the table it references.
 * A statement may declare several foreign keys; the failing one is found by the constraint's name in the error
 * or by its referencing column, so another clause's table is never taken for it.
 */
record ForeignKeyClause(String table, String referencedTable) {
    private static final String NAME = "(\"(?:[^\"]|\"\")+\"|[\\w$]+)";
    private static final Pattern REFERENCES = Pattern.compile("(?i)\\bREFERENCES\\s+([\\w.\"$]+)");
    private static final Pattern OWN_TABLE = Pattern.compile(
            "(?i)^\\s*(?:ALTER|CREATE)\\s+TABLE\\s+(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?(?:ONLY\\s+)?([\\w.\"$]+)");
    private static final Pattern CONSTRAINT = Pattern.compile("(?i)\\bCONSTRAINT\\s+" + NAME);
    private static final Pattern KEY_COLUMNS = Pattern.compile("(?i)\\bFOREIGN\\s+KEY\\s*\\(([^)]*)\\)");
    /** A column definition's name, after ALTER TABLE t ADD [COLUMN] [IF NOT EXISTS] when it has one. */
    private static final Pattern COLUMN = Pattern.compile("(?is)^\\s*(?:ALTER\\s+TABLE\\s+.*?\\bADD\\s+|ADD\\s+)?"
            + "(?:COLUMN\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?" + NAME);

    /**
     * The clause of {@code statement} that declares {@code constraint} (as the error names it) or that makes
     * {@code referencing} a reference; empty when no clause says so.
     */
    static Optional<ForeignKeyClause> find(String statement, String constraint, String referencing) {
        if (statement == null) {
            return Optional.empty();
        }
        Matcher own = OWN_TABLE.matcher(statement);
        String table = own.find() ? Sql.unqualify(own.group(1)) : "";
        Matcher references = REFERENCES.matcher(statement);
        while (references.find()) {
            String clause = statement.substring(clauseStart(statement, references.start()), references.start());
            if (declares(clause, constraint) || references(clause, referencing)) {
                return Optional.of(new ForeignKeyClause(table, Sql.unqualify(references.group(1))));
            }
        }
        return Optional.empty();
    }

    private static boolean declares(String clause, String constraint) {
        Matcher m = CONSTRAINT.matcher(clause);
        return constraint != null && m.find() && Sql.unquote(m.group(1)).equals(constraint);
    }

    private static boolean references(String clause, String column) {
        if (column == null) {
            return false;
        }
        Matcher keys = KEY_COLUMNS.matcher(clause);
        if (keys.find()) {
            for (String key : keys.group(1).split(",")) {
                if (name(key.strip()).equals(column)) {
                    return true;
                }
            }
            return false;
        }
        Matcher m = COLUMN.matcher(clause);
        return m.find() && name(m.group(1)).equals(column);
    }

    /** A name as PostgreSQL reports it: unquoted as written when quoted, folded to lower case when not. */
    private static String name(String written) {
        return written.startsWith("\"") ? Sql.unquote(written) : written.toLowerCase(Locale.ROOT);
    }

    /**
     * Where the clause that ends at {@code end} begins: after the nearest comma or opening parenthesis that is not
     * inside parentheses closed before {@code end} (a column list, a type's modifiers), else at the start.
     */
    private static int clauseStart(String statement, int end) {
        int depth = 0;
        for (int i = end - 1; i >= 0; i--) {
            char c = statement.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(') {
                if (depth == 0) {
                    return i + 1;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                return i + 1;
            }
        }
        return 0;
    }
}
