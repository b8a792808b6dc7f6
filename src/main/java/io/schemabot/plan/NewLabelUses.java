package io.schemabot.plan;

import io.schemabot.schema.Column;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where a step's SQL needs an enum label to be usable: a cast of it ({@code 'c'::st}), an array literal
 * holding it ({@code '{c}'::st[]}), a partition bound on a key of that type, or a column converted to the type,
 * whose rows may hold it.
 */
final class NewLabelUses {
    private final String type;
    private final Snapshot to;
    private final Pattern arrayLiteral;
    private final Pattern conversion;

    NewLabelUses(String type, Snapshot to) {
        this.type = type;
        this.to = to;
        String typeEnd = Pattern.quote(type) + "(?![\\w$.\"])";
        this.arrayLiteral = Pattern.compile("'((?:[^']|'')*)'::" + Pattern.quote(type) + "\\[\\]");
        this.conversion = Pattern.compile("\\bALTER COLUMN (?:\"(?:[^\"]|\"\")*\"|\\S+) TYPE " + typeEnd);
    }

    /** What in {@code sql} uses {@code label}, for the reason of a hazard; null when nothing does. */
    String use(String sql, String label) {
        if (Pattern.compile(Pattern.quote(Sql.literal(label) + "::" + type) + "(?![\\w$.\"])").matcher(sql).find()) {
            return "a cast of " + Sql.literal(label);
        }
        Matcher m = arrayLiteral.matcher(sql);
        while (m.find()) {
            if (arrayElements(m.group(1).replace("''", "'")).contains(label)) {
                return "the array " + m.group();
            }
        }
        for (Table t : to.tables()) {
            if (t.partitionBound() != null && t.partitionBound().contains(Sql.literal(label))
                    && sql.contains(t.partitionBound()) && keyOfType(t.partitionOf())) {
                return "the partition " + t.qualifiedName();
            }
        }
        if (conversion.matcher(sql).find()) {
            return "a column converted to " + type + ", whose rows may hold it";
        }
        return null;
    }

    private boolean keyOfType(String parent) {
        return to.table(parent).map(p -> p.partitionKey() != null && p.columns().stream()
                .filter(c -> c.type().equals(type)).map(Column::name)
                .anyMatch(name -> p.partitionKey().contains(Sql.ident(name)))).orElse(false);
    }

    /** The elements of an array literal such as {@code {a,"b c",{d}}}, unquoted, at any depth. */
    static List<String> arrayElements(String literal) {
        List<String> elements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < literal.length(); i++) {
            char ch = literal.charAt(i);
            if (quoted && ch == '\\' && i + 1 < literal.length()) {
                current.append(literal.charAt(++i));
            } else if (ch == '"') {
                quoted = !quoted;
                any = true;
            } else if (!quoted && Character.isWhitespace(ch) && (any || current.isEmpty())) {
                continue; // outside quotes and around an element: not part of it
            } else if (!quoted && (ch == ',' || ch == '{' || ch == '}')) {
                if (any || !current.isEmpty()) {
                    elements.add(any ? current.toString() : current.toString().strip());
                }
                current.setLength(0);
                any = false;
            } else {
                current.append(ch);
            }
        }
        return elements;
    }
}
