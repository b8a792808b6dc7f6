package io.schemabot.schema;

import java.util.regex.Pattern;

/**
 * Recognises names PostgreSQL chose itself ({@code orders_user_id_fkey}, {@code orders_pkey},
 * {@code orders_email_idx1}): such a name says nothing about intent and may differ between clusters that ran
 * the same DDL (a numeric suffix after a clash, truncation at 63 bytes), so these objects are matched by
 * definition instead of by name.
 */
public final class GeneratedNames {
    private static final Pattern DEFAULT_NAME = Pattern.compile(".+_(pkey|key|fkey|check|excl|idx|not_null)\\d*");
    private static final int NAMEDATALEN = 63;

    private GeneratedNames() {
    }

    public static boolean isGenerated(String table, String name) {
        if (!DEFAULT_NAME.matcher(name).matches()) {
            return false;
        }
        if (name.startsWith(table + "_")) {
            return true;
        }
        // PostgreSQL truncates the table part of a long generated name; accept a long name that starts like it.
        int prefix = Math.min(table.length(), 8);
        return name.length() >= NAMEDATALEN - 8 && name.startsWith(table.substring(0, prefix));
    }
}
