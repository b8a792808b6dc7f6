package io.schemabot.schema;

import java.util.ArrayList;
import java.util.List;

/** Splits the qualified names the snapshot stores ({@code public."Order Items"}) back into raw parts. */
public final class SnapshotNames {
    private SnapshotNames() {
    }

    /** The last part of a qualified name, unquoted. */
    public static String unqualify(String qualified) {
        return parts(qualified)[1];
    }

    /** Schema and name, unquoted, from {@code schema.name} where either part may be double-quoted. */
    public static String[] parts(String qualified) {
        List<String> parts = split(qualified);
        return parts.size() == 1 ? new String[] {null, parts.get(0)}
                : new String[] {parts.get(0), String.join(".", parts.subList(1, parts.size()))};
    }

    /** The parts of a dotted name such as {@code public."x.y"."a.b"}, unquoted; dots inside quotes do not split. */
    public static List<String> split(String dotted) {
        List<String> parts = new ArrayList<>();
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
}
