package io.schemabot.migrate;

import io.schemabot.diff.ObjectChange;
import io.schemabot.diff.TableChange;
import io.schemabot.diff.Change;
import io.schemabot.sql.Sql;
import io.schemabot.diff.DiffResult;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
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
    private static final Pattern FOREIGN_KEY = Pattern.compile("foreign key constraint \"([^\"]+)\"");
    /** An identifier, quoted or not: the parts of a dotted name come one by one. */
    private static final Pattern NAME = Pattern.compile("\"(?:[^\"]|\"\")+\"|[A-Za-z_][\\w$]*");

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
                if (c instanceof TableChange.TableAdded t && unqualified(t.table()).equals(missing)) {
                    out.add(t.table() + " is missing in production, although the migrations already applied there"
                            + " create it");
                } else if (c instanceof ObjectChange.ViewAdded v && unqualified(v.view()).equals(missing)) {
                    out.add(v.view() + " is missing in production, although the applied migrations create it");
                }
            }
        }
        Matcher column = COLUMN.matcher(msg);
        if (column.find()) {
            for (Change c : drift.changes()) {
                if (c instanceof TableChange.ColumnAdded a && Sql.unquote(a.column()).equals(column.group(1))) {
                    out.add(a.table() + "." + a.column() + " is missing in production, although the applied"
                            + " migrations create it");
                }
            }
        }
        Matcher keys = KEY_COLUMNS.matcher(det);
        Optional<ForeignKeyClause> foreignKey = Optional.empty();
        if (keys.find()) {
            // "Key columns "<referencing>" and "<referenced>" are of incompatible types"
            String referencing = keys.group(1);
            String referenced = keys.group(2);
            Matcher named = FOREIGN_KEY.matcher(msg);
            foreignKey = ForeignKeyClause.find(statement, named.find() ? named.group(1) : null, referencing);
            for (Change c : drift.changes()) {
                if (c instanceof TableChange.ColumnTypeChanged t && foreignKey.isPresent()) {
                    String table = unqualified(t.table());
                    String name = Sql.unquote(t.column());
                    if ((name.equals(referenced) && table.equals(foreignKey.get().referencedTable()))
                            || (name.equals(referencing) && table.equals(foreignKey.get().table()))) {
                        out.add("production has " + t.table() + "." + t.column() + " as " + t.from()
                                + " while the migrations made it " + t.to());
                    }
                }
            }
        }
        if (out.isEmpty()) {
            // Anything else the drift says about the tables the failure is about: a foreign key's two tables,
            // else every table the statement names (as a whole name: "refund" is not in "refunds").
            Set<String> names = foreignKey.map(fk -> Set.of(fk.table(), fk.referencedTable()))
                    .orElseGet(() -> names(statement));
            for (Change c : drift.changes()) {
                String table = c.table() == null ? c.object() : c.table();
                if (names.contains(unqualified(table))) {
                    out.add("drift on " + c.object() + ": " + c.describe());
                }
            }
        }
        return out;
    }

    /** The names a statement mentions, as PostgreSQL resolves them: unquoted ones folded to lower case. */
    private static Set<String> names(String statement) {
        Set<String> names = new HashSet<>();
        Matcher m = NAME.matcher(statement == null ? "" : statement);
        while (m.find()) {
            String part = m.group();
            names.add(part.startsWith("\"") ? Sql.unquote(part) : part.toLowerCase(Locale.ROOT));
        }
        return names;
    }

    /** A qualified name's last part, unquoted; a name without a schema as it stands. */
    private static String unqualified(String name) {
        return name.contains(".") ? Sql.unqualify(name) : name;
    }
}
