package io.schemabot.diff;

import java.util.List;
import java.util.Map;

/**
 * One difference between two schemas, read as "to turn FROM into TO, this must happen". Every change names
 * its {@link #object()} ({@code schema.table[.column]}, a qualified name or a function signature) and the
 * {@link #table()} it belongs to, if any, so that reports can group by table. The kinds are records in two
 * families: {@link TableChange} (a table and what hangs on it) and {@link ObjectChange} (every other object).
 */
public sealed interface Change permits TableChange, ObjectChange {

    /** The object the change is about, quoted as SQL would need it. */
    String object();

    /** The table (or view) the object belongs to, or null for schema-level objects. */
    default String table() {
        return null;
    }

    /** The kind of change, as JSON and text reports name it. */
    default String kind() {
        return getClass().getSimpleName();
    }

    /** One line for people: what differs, with both sides. */
    String describe();

    /** Lines that show what the change is about, which reports indent under {@link #describe()}; usually none. */
    default List<String> details() {
        return List.of();
    }
}
