package io.schemabot.sql;

import java.util.List;

import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The one place where identifiers and literals become SQL text. */
public final class Sql {
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");

    /**
     * Keywords that PostgreSQL's own quote_ident() quotes: the reserved ones, and those that may not be a
     * type, function or column name. Quoting a little too often is harmless; too rarely breaks the SQL.
     */
    private static final Set<String> KEYWORDS = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
            "between", "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character", "check",
            "coalesce", "collate", "collation", "column", "concurrently", "constraint", "create", "cross",
            "current_catalog", "current_date", "current_role", "current_schema", "current_time",
            "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable", "desc", "distinct",
            "do", "else", "end", "except", "exists", "extract", "false", "fetch", "float", "for", "foreign",
            "freeze", "from", "full", "grant", "greatest", "group", "grouping", "having", "ilike", "in",
            "initially", "inner", "inout", "int", "integer", "intersect", "interval", "into", "is", "isnull",
            "join", "json", "json_array", "json_arrayagg", "json_exists", "json_object", "json_objectagg",
            "json_query", "json_scalar", "json_serialize", "json_table", "json_value", "lateral", "leading",
            "least", "left", "like", "limit", "localtime", "localtimestamp", "merge_action", "national", "natural",
            "nchar", "none", "normalize", "not", "notnull", "null", "nullif", "numeric", "offset", "on", "only",
            "or", "order", "out", "outer", "overlaps", "overlay", "placing", "position", "precision", "primary",
            "real", "references", "returning", "right", "row", "select", "session_user", "setof", "similar",
            "smallint", "some", "substring", "symmetric", "system_user", "table", "tablesample", "then", "time",
            "timestamp", "to", "trailing", "treat", "trim", "true", "union", "unique", "user", "using", "values",
            "varchar", "variadic", "verbose", "when", "where", "window", "with", "xmlattributes", "xmlconcat",
            "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot",
            "xmlserialize", "xmltable");

    private Sql() {
    }

    /** An identifier as PostgreSQL would accept it: bare when it can be, double-quoted otherwise. */
    public static String ident(String name) {
        if (PLAIN.matcher(name).matches() && !KEYWORDS.contains(name)) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** An identifier as {@link #ident} wrote it, unquoted: {@code "Order ""A"""} gives {@code Order "A"}. */
    public static String unquote(String ident) {
        return String.join(".", unquoteParts(ident));
    }

    /** The last part of a qualified name, unquoted: {@code public."Order Items"} gives {@code Order Items}. */
    public static String unqualify(String qualified) {
        List<String> parts = unquoteParts(qualified);
        return parts.size() == 1 ? parts.get(0) : String.join(".", parts.subList(1, parts.size()));
    }

    /**
     * The parts of a dotted name such as {@code public."x.y"."a.b"}, unquoted; dots inside quotes do not split.
     * The one place that reads back what {@link #ident} and {@link #qualified} write.
     */
    public static List<String> unquoteParts(String dotted) {
        List<String> parts = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < dotted.length(); i++) {
            char ch = dotted.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < dotted.length() && dotted.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == '.' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(ch);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    /** A schema-qualified name, each part quoted as needed. */
    public static String qualified(String schema, String name) {
        return ident(schema) + "." + ident(name);
    }

    /** A name as configured: "table" or "schema.table", each part quoted as needed. */
    public static String dotted(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? ident(name) : qualified(name.substring(0, dot), name.substring(dot + 1));
    }

    /** A comma-separated list of quoted identifiers. */
    public static String idents(List<String> names) {
        return names.stream().map(Sql::ident).collect(Collectors.joining(", "));
    }

    /** A string literal; E'' form only when a backslash needs it, so the output reads naturally. */
    public static String literal(String value) {
        if (value == null) {
            return "NULL";
        }
        String quoted = "'" + value.replace("'", "''") + "'";
        return value.indexOf('\\') >= 0 ? "E" + quoted.replace("\\", "\\\\") : quoted;
    }

    /**
     * The text on one line: names may hold line breaks, and in a {@code --} comment a line break would end the
     * comment and run the rest (psql would even run a {@code \!} shell command). Control characters, tab
     * included, are written as escapes, so the text stays readable.
     */
    public static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** A {@code --} comment of one line, whatever names the text holds. */
    public static String comment(String text) {
        return "-- " + oneLine(text);
    }

    /** A dollar-quoted body (for DO blocks) whose tag appears nowhere inside it, whatever names it holds. */
    public static String dollarQuoted(String body) {
        String tag = "$schemabot$";
        for (int n = 1; body.contains(tag); n++) {
            tag = "$schemabot" + n + "$";
        }
        return tag + " " + body + " " + tag;
    }
}
