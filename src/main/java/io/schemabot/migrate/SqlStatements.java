package io.schemabot.migrate;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration script into statements at top-level semicolons, skipping those inside quotes,
 * dollar-quoted bodies and comments. Used only to diagnose a failed migration statement by statement.
 */
final class SqlStatements {
    private SqlStatements() {
    }

    /** A statement and the line it starts on. */
    record Statement(String sql, int line) {
    }

    static List<Statement> split(String script) {
        List<Statement> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int line = 1;
        int startLine = 1;
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (current.toString().isBlank() && !Character.isWhitespace(c)) {
                startLine = line;
            }
            if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                int end = script.indexOf('\n', i);
                end = end < 0 ? n : end;
                i = end;
                continue;
            }
            if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += count(script, i, end);
                i = end;
                continue;
            }
            int end = -1;
            if (c == '\'' || c == '"') {
                end = closingQuote(script, i, c);
            } else if (c == '$') {
                int tagEnd = script.indexOf('$', i + 1);
                if (tagEnd > 0 && script.substring(i + 1, tagEnd).matches("[A-Za-z_0-9]*")) {
                    String tag = script.substring(i, tagEnd + 1);
                    int close = script.indexOf(tag, tagEnd + 1);
                    end = close < 0 ? n : close + tag.length();
                }
            }
            if (end > 0) {
                current.append(script, i, end);
                line += count(script, i, end);
                i = end;
                continue;
            }
            if (c == ';') {
                add(out, current, startLine);
            } else {
                current.append(c);
                if (c == '\n') {
                    line++;
                }
            }
            i++;
        }
        add(out, current, startLine);
        return out;
    }

    private static void add(List<Statement> out, StringBuilder current, int line) {
        String sql = current.toString().strip();
        if (!sql.isEmpty()) {
            out.add(new Statement(sql, line));
        }
        current.setLength(0);
    }

    private static int closingQuote(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            if (s.charAt(i) == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return s.length();
    }

    private static int count(String s, int from, int to) {
        int lines = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
