package io.schemabot.migrate;

import io.schemabot.diff.Change;
import io.schemabot.sql.Sql;
import io.schemabot.diff.DiffResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ties a failed statement to the drift between production and its migrations, so the reply says WHY a
 * migration that worked everywhere else fails here. The drift reads "to turn production into what the
 * migrations made": TableAdded means production lacks the table.
 */
final class DriftExplainer {
    private static final Pattern RELATION = Pattern.compile("relation \"([^\"]+)\" does not exist");
    private static final Pattern COLUMN = Pattern.compile("column \"([^\"]+)\"(?: of relation \"([^\"]+)\")? does not exist");
    private static final Pattern KEY_COLUMNS = Pattern.compile("Key columns \"([^\"]+)\" and \"([^\"]+)\"");
    private static final Pattern REFERENCES = Pattern.compile("(?i)REFERENCES\\s+([\\w.\"]+)");
    private static final Pattern ALTERED_OR_CREATED =
            Pattern.compile("(?i)^\\s*(?:ALTER|CREATE)\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:ONLY\\s+)?([\\w.\"]+)");

    private DriftExplainer() {
    }

    static List<String> explain(String sqlState, String message, String detail, String statement, DiffResult drift) {
        List<String> out = new ArrayList<>();
        String msg = message == null ? "" : message;
        String det = detail == null ? "" : detail;
        Matcher relation = RELATION.matcher(msg);
        if (relation.find()) {
            String missing = unqualified(relation.group(1));
            for (Change c : drift.changes()) {
                if (c instanceof Change.TableAdded t && unqualified(t.table()).equals(missing)) {
                    out.add(t.table() + " is missing in production, although the migrations already applied there"
                            + " create it");
                } else if (c instanceof Change.ViewAdded v && unqualified(v.view()).equals(missing)) {
                    out.add(v.view() + " is missing in production, although the applied migrations create it");
                }
            }
        }
        Matcher column = COLUMN.matcher(msg);
        if (column.find()) {
            for (Change c : drift.changes()) {
                if (c instanceof Change.ColumnAdded a && Sql.unquote(a.column()).equals(column.group(1))) {
                    out.add(a.table() + "." + a.column() + " is missing in production, although the applied"
                            + " migrations create it");
                }
            }
        }
        Matcher keys = KEY_COLUMNS.matcher(det);
        if (keys.find()) {
            // "Key columns "<referencing>" and "<referenced>" are of incompatible types"
            String referencing = keys.group(1);
            String referenced = keys.group(2);
            String refTable = group(REFERENCES, statement);
            String ownTable = group(ALTERED_OR_CREATED, statement);
            for (Change c : drift.changes()) {
                if (c instanceof Change.ColumnTypeChanged t) {
                    String table = unqualified(t.table());
                    String name = Sql.unquote(t.column());
                    if ((name.equals(referenced) && table.equals(refTable))
                            || (name.equals(referencing) && table.equals(ownTable))) {
                        out.add("production has " + t.table() + "." + t.column() + " as " + t.from()
                                + " while the migrations made it " + t.to());
                    }
                }
            }
        }
        if (out.isEmpty()) {
            // Anything else the drift says about objects the statement names.
            String lower = (statement == null ? "" : statement).toLowerCase(Locale.ROOT);
            for (Change c : drift.changes()) {
                String table = c.table() == null ? c.object() : c.table();
                if (lower.contains(unqualified(table).toLowerCase(Locale.ROOT))) {
                    out.add("drift on " + c.object() + ": " + c.describe());
                }
            }
        }
        return out;
    }

    /** The (unqualified, unquoted) table a pattern finds in the statement, or "" when none. */
    private static String group(Pattern pattern, String statement) {
        Matcher m = pattern.matcher(statement == null ? "" : statement);
        return m.find() ? Sql.unqualify(m.group(1)) : "";
    }

    /** A qualified name's last part, unquoted; a name without a schema as it stands. */
    private static String unqualified(String name) {
        return name.contains(".") ? Sql.unqualify(name) : name;
    }
}
