package io.schemabot.diff;

import java.util.List;
import java.util.Map;

/**
 * One difference between two schemas, read as "to turn FROM into TO, this must happen". Every change names
 * its {@link #object()} ({@code schema.table[.column]}, a qualified name or a function signature) and the
 * {@link #table()} it belongs to, if any, so that reports can group by table.
 */
public sealed interface Change {

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

    record SchemaAdded(String schema) implements Change {
        public String object() { return schema; }
        public String describe() { return "schema " + schema + " is missing"; }
    }

    record SchemaDropped(String schema) implements Change {
        public String object() { return schema; }
        public String describe() { return "schema " + schema + " is not expected"; }
    }

    record ExtensionAdded(String extension, String version, String schema) implements Change {
        public String object() { return extension; }
        public String describe() { return "extension " + extension + " " + version + " is missing"; }
    }

    record ExtensionDropped(String extension, String version) implements Change {
        public String object() { return extension; }
        public String describe() { return "extension " + extension + " " + version + " is not expected"; }
    }

    record ExtensionChanged(String extension, String from, String to) implements Change {
        public String object() { return extension; }
        public String describe() { return "extension " + extension + ": " + from + " -> " + to; }
    }

    record EnumAdded(String type, List<String> labels) implements Change {
        public String object() { return type; }
        public String describe() { return "enum " + type + " " + labels + " is missing"; }
    }

    record EnumDropped(String type, List<String> labels) implements Change {
        public String object() { return type; }
        public String describe() { return "enum " + type + " is not expected"; }
    }

    record EnumLabelsChanged(String type, List<String> from, List<String> to) implements Change {
        public String object() { return type; }
        public String describe() { return "enum " + type + " labels: " + from + " -> " + to; }
    }

    record DomainAdded(String domain, String definition) implements Change {
        public String object() { return domain; }
        public String describe() { return "domain " + domain + " is missing"; }
    }

    record DomainDropped(String domain, String definition) implements Change {
        public String object() { return domain; }
        public String describe() { return "domain " + domain + " is not expected"; }
    }

    record DomainChanged(String domain, String from, String to) implements Change {
        public String object() { return domain; }
        public String describe() { return "domain " + domain + ": " + from + " -> " + to; }
    }

    /** {@code definition} is the attribute list, e.g. {@code (x integer, y text)}. */
    record CompositeTypeAdded(String type, String definition) implements Change {
        public String object() { return type; }
        public String describe() { return "composite type " + type + " " + definition + " is missing"; }
    }

    record CompositeTypeDropped(String type, String definition) implements Change {
        public String object() { return type; }
        public String describe() { return "composite type " + type + " is not expected"; }
    }

    /** Its attributes differ: names, types, collations or order (row values are positional). */
    record CompositeTypeChanged(String type, String from, String to) implements Change {
        public String object() { return type; }
        public String describe() { return "composite type " + type + ": " + from + " -> " + to; }
    }

    record SequenceAdded(String sequence, String options) implements Change {
        public String object() { return sequence; }
        public String describe() { return "sequence " + sequence + " is missing"; }
    }

    record SequenceDropped(String sequence, String options) implements Change {
        public String object() { return sequence; }
        public String describe() { return "sequence " + sequence + " is not expected"; }
    }

    record SequenceChanged(String sequence, String from, String to) implements Change {
        public String object() { return sequence; }
        public String describe() { return "sequence " + sequence + ": " + from + " -> " + to; }
    }

    /** {@code contents} are its columns and constraints, for the reports. */
    record TableAdded(String table, TableContents contents) implements Change {
        public TableAdded(String table) { this(table, TableContents.NONE); }
        public String object() { return table; }
        public String describe() { return "table " + table + " is missing"; }
        public List<String> details() { return contents.lines(); }
    }

    record TableDropped(String table) implements Change {
        public String object() { return table; }
        public String describe() { return "table " + table + " is not expected"; }
    }

    /** A table-level property: persistence, partition key, partition parent or bound, inheritance. */
    record TableChanged(String table, String property, String from, String to) implements Change {
        public String object() { return table; }
        public String describe() { return "table " + table + " " + property + ": " + from + " -> " + to; }
    }

    /**
     * How a table or materialized view is stored: {@code setting} is "storage parameters" (a table's reloptions;
     * a materialized view's are {@link ViewOptionsChanged}), "access method" or "tablespace"; null is the default.
     */
    record StorageChanged(String table, String setting, String from, String to) implements Change {
        public String object() { return table; }
        public String describe() {
            return table + " " + setting + ": " + (from == null ? "default" : from) + " -> " + (to == null ? "default" : to);
        }
    }

    record ColumnAdded(String table, String column, String type) implements Change {
        public String object() { return table + "." + column; }
        public String describe() { return "column " + column + " " + type + " is missing"; }
    }

    record ColumnDropped(String table, String column, String type) implements Change {
        public String object() { return table + "." + column; }
        public String describe() { return "column " + column + " " + type + " is not expected"; }
    }

    record ColumnTypeChanged(String table, String column, String from, String to) implements Change {
        public String object() { return table + "." + column; }
        public String describe() { return "column " + column + " type: " + from + " -> " + to; }
    }

    record ColumnNullabilityChanged(String table, String column, boolean fromNotNull, boolean toNotNull)
            implements Change {
        public String object() { return table + "." + column; }
        public String describe() {
            return "column " + column + ": " + (fromNotNull ? "NOT NULL" : "NULL") + " -> "
                    + (toNotNull ? "NOT NULL" : "NULL");
        }
    }

    record ColumnDefaultChanged(String table, String column, String from, String to) implements Change {
        public String object() { return table + "." + column; }
        public String describe() { return "column " + column + " default: " + from + " -> " + to; }
    }

    record ColumnIdentityChanged(String table, String column, String from, String to) implements Change {
        public String object() { return table + "." + column; }
        public String describe() { return "column " + column + " identity: " + from + " -> " + to; }
    }

    /** An identity column's sequence options that are not the defaults, null for none (see IdentitySequence). */
    record ColumnIdentityOptionsChanged(String table, String column, String from, String to) implements Change {
        public String object() { return table + "." + column; }
        public String describe() {
            return "column " + column + " identity options: " + (from == null ? "defaults" : from) + " -> "
                    + (to == null ? "defaults" : to);
        }
    }

    record ColumnGeneratedChanged(String table, String column, String from, String to) implements Change {
        public String object() { return table + "." + column; }
        public String describe() { return "column " + column + " generated: " + from + " -> " + to; }
    }

    record ColumnCollationChanged(String table, String column, String from, String to) implements Change {
        public String object() { return table + "." + column; }
        public String describe() { return "column " + column + " collation: " + from + " -> " + to; }
    }

    /**
     * A column's settings of a table or materialized view, as {@link io.schemabot.schema.Column#settings()} names
     * them (statistics target, storage, compression, n_distinct); the planner reads the values from the snapshots.
     */
    record ColumnSettingsChanged(String table, String column, String from, String to) implements Change {
        public String object() { return table + "." + column; }
        public String describe() {
            return "column " + column + " settings: " + (from == null ? "default" : from) + " -> "
                    + (to == null ? "default" : to);
        }
    }

    /** {@code type} is PRIMARY_KEY, UNIQUE, CHECK, FOREIGN_KEY or EXCLUSION. */
    record ConstraintAdded(String table, String constraint, String type, String definition) implements Change {
        public String object() { return table + "." + constraint; }
        public String describe() { return "constraint " + constraint + " is missing: " + definition; }
    }

    record ConstraintDropped(String table, String constraint, String type, String definition) implements Change {
        public String object() { return table + "." + constraint; }
        public String describe() { return "constraint " + constraint + " is not expected: " + definition; }
    }

    record ConstraintChanged(String table, String constraint, String type, String from, String to)
            implements Change {
        public String object() { return table + "." + constraint; }
        public String describe() { return "constraint " + constraint + ": " + from + " -> " + to; }
    }

    record ForeignKeyChanged(String table, String constraint, String from, String to) implements Change {
        public String object() { return table + "." + constraint; }
        public String describe() { return "foreign key " + constraint + ": " + from + " -> " + to; }
    }

    record IndexAdded(String table, String index, String definition) implements Change {
        public String object() { return index; }
        public String describe() { return "index " + index + " is missing: " + definition; }
    }

    record IndexDropped(String table, String index, String definition) implements Change {
        public String object() { return index; }
        public String describe() { return "index " + index + " is not expected: " + definition; }
    }

    record IndexChanged(String table, String index, String from, String to) implements Change {
        public String object() { return index; }
        public String describe() { return "index " + index + ": " + from + " -> " + to; }
    }

    record ViewAdded(String view, boolean materialized) implements Change {
        public String object() { return view; }
        public String table() { return view; }
        public String describe() { return (materialized ? "materialized view " : "view ") + view + " is missing"; }
    }

    record ViewDropped(String view, boolean materialized) implements Change {
        public String object() { return view; }
        public String table() { return view; }
        public String describe() {
            return (materialized ? "materialized view " : "view ") + view + " is not expected";
        }
    }

    record ViewDefinitionChanged(String view, boolean materialized, String from, String to) implements Change {
        public String object() { return view; }
        public String table() { return view; }
        public String describe() { return (materialized ? "materialized view " : "view ") + view + " definition differs"; }
    }

    /**
     * Reloptions the definition does not show: security_barrier, security_invoker and check_option decide which
     * rows the view lets through and as whom; a materialized view's are storage parameters. Maps by name.
     */
    record ViewOptionsChanged(String view, boolean materialized, Map<String, String> from, Map<String, String> to)
            implements Change {
        public String object() { return view; }
        public String table() { return view; }
        public String describe() {
            return (materialized ? "materialized view " : "view ") + view + " options: " + text(from) + " -> "
                    + text(to);
        }

        private static String text(Map<String, String> options) {
            return options.isEmpty() ? "none" : options.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(java.util.stream.Collectors.joining(", "));
        }
    }

    /** The default a view column gives INSERTs through the view. */
    record ViewColumnDefaultChanged(String view, String column, String from, String to) implements Change {
        public String object() { return view + "." + column; }
        public String table() { return view; }
        public String describe() { return "view column " + column + " default: " + from + " -> " + to; }
    }

    /**
     * A materialized view that holds no rows (never refreshed, or created WITH NO DATA) where TO's does: every query
     * on it fails until a REFRESH. The other way round is no difference (see ViewDiff).
     */
    record MaterializedViewNotPopulated(String view) implements Change {
        public String object() { return view; }
        public String table() { return view; }
        public String describe() {
            return "materialized view " + view + " is not populated: queries on it fail until it is refreshed";
        }
    }

    record FunctionAdded(String function, boolean procedure) implements Change {
        public String object() { return function; }
        public String describe() { return (procedure ? "procedure " : "function ") + function + " is missing"; }
    }

    record FunctionDropped(String function, boolean procedure) implements Change {
        public String object() { return function; }
        public String describe() { return (procedure ? "procedure " : "function ") + function + " is not expected"; }
    }

    record FunctionChanged(String function, String from, String to) implements Change {
        public String object() { return function; }
        public String describe() { return "function " + function + " definition differs"; }
    }

    record AggregateAdded(String aggregate, String definition) implements Change {
        public String object() { return aggregate; }
        public String describe() { return "aggregate " + aggregate + " is missing"; }
    }

    record AggregateDropped(String aggregate, String definition) implements Change {
        public String object() { return aggregate; }
        public String describe() { return "aggregate " + aggregate + " is not expected"; }
    }

    /** Its support functions, state type, initial value or options differ: both CREATE AGGREGATE statements. */
    record AggregateChanged(String aggregate, String from, String to) implements Change {
        public String object() { return aggregate; }
        public String describe() { return "aggregate " + aggregate + " definition differs"; }
    }

    record TriggerAdded(String table, String trigger, String definition) implements Change {
        public String object() { return table + "." + trigger; }
        public String describe() { return "trigger " + trigger + " is missing"; }
    }

    record TriggerDropped(String table, String trigger, String definition) implements Change {
        public String object() { return table + "." + trigger; }
        public String describe() { return "trigger " + trigger + " is not expected"; }
    }

    record TriggerChanged(String table, String trigger, String from, String to) implements Change {
        public String object() { return table + "." + trigger; }
        public String describe() { return "trigger " + trigger + ": " + from + " -> " + to; }
    }

    /**
     * A partition's copy of its parent's trigger is enabled otherwise (or no longer): {@code from} and {@code to}
     * are the states as ALTER TABLE sets them, e.g. DISABLE.
     */
    record PartitionTriggerStateChanged(String table, String trigger, String from, String to) implements Change {
        public String object() { return table + "." + trigger; }
        public String describe() { return "trigger " + trigger + " on partition " + table + ": " + from + " -> " + to; }
    }

    /** {@code rule} is how DROP RULE names it: {@code name ON table}. */
    record RuleAdded(String table, String rule, String definition) implements Change {
        public String object() { return rule; }
        public String describe() { return "rule " + rule + " is missing"; }
    }

    record RuleDropped(String table, String rule, String definition) implements Change {
        public String object() { return rule; }
        public String describe() { return "rule " + rule + " is not expected"; }
    }

    record RuleChanged(String table, String rule, String from, String to) implements Change {
        public String object() { return rule; }
        public String describe() { return "rule " + rule + ": " + from + " -> " + to; }
    }

    /** {@code policy} is how DROP POLICY names it: {@code name ON table}. */
    record PolicyAdded(String table, String policy, String definition) implements Change {
        public String object() { return policy; }
        public String describe() { return "policy " + policy + " is missing: " + definition; }
    }

    record PolicyDropped(String table, String policy, String definition) implements Change {
        public String object() { return policy; }
        public String describe() { return "policy " + policy + " is not expected: " + definition; }
    }

    record PolicyChanged(String table, String policy, String from, String to) implements Change {
        public String object() { return policy; }
        public String describe() { return "policy " + policy + ": " + from + " -> " + to; }
    }

    /** Whether row-level security is enabled and forced on the table, as the ALTER TABLE clauses say it. */
    record ReplicaIdentityChanged(String table, String from, String to) implements Change {
        public String object() { return table; }
        public String describe() { return "table " + table + " replica identity: " + from + " -> " + to; }
    }

    record RowSecurityChanged(String table, String from, String to) implements Change {
        public String object() { return table; }
        public String describe() { return "table " + table + " row level security: " + from + " -> " + to; }
    }

    record EventTriggerAdded(String trigger, String definition) implements Change {
        public String object() { return trigger; }
        public String describe() { return "event trigger " + trigger + " is missing: " + definition; }
    }

    record EventTriggerDropped(String trigger, String definition) implements Change {
        public String object() { return trigger; }
        public String describe() { return "event trigger " + trigger + " is not expected"; }
    }

    /** Its event, tags, function or enabled state differ. */
    record EventTriggerChanged(String trigger, String from, String to) implements Change {
        public String object() { return trigger; }
        public String describe() { return "event trigger " + trigger + ": " + from + " -> " + to; }
    }

    /** {@code target} is the SQL object kind COMMENT ON takes (TABLE, COLUMN, INDEX, ...). */
    record CommentChanged(String target, String object, String table, String from, String to) implements Change {
        public String describe() {
            return "comment on " + target.toLowerCase(java.util.Locale.ROOT) + " " + object + ": "
                    + quote(from) + " -> " + quote(to);
        }

        private static String quote(String s) {
            return s == null ? "none" : "'" + s + "'";
        }
    }

    /**
     * The columns both sides have stand in another order: {@code fromOrder} as the table will read once the plan has
     * added TO's new columns at its end, {@code toOrder} as TO has them. Cosmetic for code that names its columns (only
     * SELECT * and INSERT without a column list see it), so the diff keeps it apart from its changes
     * ({@link DiffResult#cosmetic()}) and no plan rewrites a table under an exclusive lock for it.
     */
    record ColumnOrderDiffers(String table, List<String> fromOrder, List<String> toOrder) implements Change {
        public ColumnOrderDiffers {
            fromOrder = List.copyOf(fromOrder);
            toOrder = List.copyOf(toOrder);
        }

        public String object() { return table; }
        public String describe() {
            return "columns of " + table + " are in another order (" + String.join(", ", fromOrder) + "; expected "
                    + String.join(", ", toOrder) + "): cosmetic, not planned";
        }
    }

    /**
     * A privilege on a table, view, column, sequence or schema that FROM grants beyond TO: in a drift report,
     * production grants more than its migrations do, which is a security finding. {@code on} is TABLE, SEQUENCE or
     * SCHEMA, {@code name} the object, {@code column} the quoted column or null, {@code grantee} PUBLIC or the
     * quoted role; {@code from} and {@code to} say how far it is granted on each side: none, granted, or with
     * grant option (so an extra grant option alone is one too).
     */
    record PrivilegeExtra(String on, String name, String column, String table, String grantee, String privilege,
                          String from, String to) implements Change {
        public String object() { return column == null ? name : name + "." + column; }
        public String describe() {
            return "grants more than expected: " + PrivilegeDiff.phrase(privilege, on, name, column, grantee) + " ("
                    + from + " -> " + to + ")";
        }
    }

    /** A privilege TO grants beyond FROM (or its grant option): as {@link PrivilegeExtra}, the other way. */
    record PrivilegeMissing(String on, String name, String column, String table, String grantee, String privilege,
                            String from, String to) implements Change {
        public String object() { return column == null ? name : name + "." + column; }
        public String describe() {
            return "grants less than expected: " + PrivilegeDiff.phrase(privilege, on, name, column, grantee) + " ("
                    + from + " -> " + to + ")";
        }
    }

    /** {@code definition} is CREATE COLLATION's option list (provider, locale, deterministic, rules). */
    record CollationAdded(String collation, String definition) implements Change {
        public String object() { return collation; }
        public String describe() { return "collation " + collation + " (" + definition + ") is missing"; }
    }

    record CollationDropped(String collation, String definition) implements Change {
        public String object() { return collation; }
        public String describe() { return "collation " + collation + " is not expected"; }
    }

    /** It compares or sorts otherwise: a collation cannot be altered, only made anew. */
    record CollationChanged(String collation, String from, String to) implements Change {
        public String object() { return collation; }
        public String describe() { return "collation " + collation + ": " + from + " -> " + to; }
    }

    /** {@code kind} is DICTIONARY or CONFIGURATION, as CREATE TEXT SEARCH names it. */
    record TextSearchAdded(String kind, String object, String definition) implements Change {
        public String describe() {
            return "text search " + kind.toLowerCase(java.util.Locale.ROOT) + " " + object + " is missing";
        }
    }

    record TextSearchDropped(String kind, String object, String definition) implements Change {
        public String describe() {
            return "text search " + kind.toLowerCase(java.util.Locale.ROOT) + " " + object + " is not expected";
        }
    }

    /** A dictionary's template or options, or a configuration's parser or mappings, differ. */
    record TextSearchChanged(String kind, String object, String from, String to) implements Change {
        public String describe() {
            return "text search " + kind.toLowerCase(java.util.Locale.ROOT) + " " + object + ": " + from + " -> " + to;
        }
    }
}
