package io.schemabot.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the parenthesised, comma-separated lists in SQL text that the catalog prints (an index's keys, say):
 * parentheses and commas inside quoted names and strings are text, not structure.
 */
final class SqlText {
    private SqlText() {
    }

    /** Where the parenthesis opened at {@code open} closes, past quoted names and strings; -1 if it does not. */
    static int closing(String text, int open) {
        int[] depth = nesting(text.substring(open));
        for (int i = 0; i < depth.length; i++) {
            if (depth[i] == 0 && text.charAt(open + i) == ')') {
                return open + i;
            }
        }
        return -1;
    }

    /** The comma-separated parts of a list, split only outside parentheses and quotes. */
    static List<String> topLevel(String list) {
        List<String> parts = new ArrayList<>();
        int[] depth = nesting(list);
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            if (depth[i] == 0 && list.charAt(i) == ',') {
                parts.add(list.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(list.substring(start));
        return parts;
    }

    /**
     * For each character, how many parentheses are open after it (a ')' counts as closed), or -1 inside a quoted
     * name or string, where parentheses and commas are text.
     */
    private static int[] nesting(String text) {
        int[] depth = new int[text.length()];
        int open = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
                depth[i] = -1;
                continue;
            }
            if (c == '"' || c == '\'') {
                quote = c;
                depth[i] = -1;
                continue;
            }
            open += c == '(' ? 1 : c == ')' ? -1 : 0;
            depth[i] = open;
        }
        return depth;
    }
}
