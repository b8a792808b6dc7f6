package io.schemabot.schema;

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
        StringBuilder current = new StringBuilder();
        String schema = null;
        boolean quoted = false;
        for (int i = 0; i < qualified.length(); i++) {
            char ch = qualified.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < qualified.length() && qualified.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == '.' && !quoted && schema == null) {
                schema = current.toString();
                current.setLength(0);
            } else {
                current.append(ch);
            }
        }
        return new String[] {schema, current.toString()};
    }
}
