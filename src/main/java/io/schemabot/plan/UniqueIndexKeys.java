package io.schemabot.plan;

import io.schemabot.sql.Sql;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the key columns of a unique index from its pg_get_indexdef text: what a foreign key can reference. */
final class UniqueIndexKeys {
    private static final String QUOTED = "\"(?:[^\"]|\"\")*\"";
    /** A column name, then what may follow it in the key list: operator class, collation, sort order. */
    private static final Pattern KEY = Pattern.compile("(" + QUOTED + "|[\\w$]+)(?: (?:" + QUOTED + "|[^,()\" ]+))*");

    private UniqueIndexKeys() {
    }

    /**
     * The unquoted names of the key columns (before INCLUDE), or empty when the index is not unique or a key is an
     * expression: no foreign key can reference such an index.
     */
    static Optional<Set<String>> of(String definition) {
        int using = definition.indexOf(" USING ");
        int pos = using < 0 ? -1 : definition.indexOf('(', using) + 1;
        if (!definition.startsWith("CREATE UNIQUE INDEX ") || pos <= 0) {
            return Optional.empty();
        }
        Set<String> columns = new LinkedHashSet<>();
        Matcher key = KEY.matcher(definition);
        while (key.region(pos, definition.length()).lookingAt()) {
            String name = key.group(1);
            columns.add(Sql.unquote(name));
            pos = key.end();
            if (definition.startsWith(")", pos)) {
                return Optional.of(columns);
            }
            if (!definition.startsWith(", ", pos)) {
                break; // an expression such as lower(code)
            }
            pos += 2;
        }
        return Optional.empty();
    }
}
