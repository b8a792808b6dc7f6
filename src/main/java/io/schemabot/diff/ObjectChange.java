package io.schemabot.diff;

import java.util.List;
import java.util.Map;

/**
 * A change to an object other than a table: schemas, extensions, types, sequences, views, routines, aggregates,
 * event triggers, collations, text search, privileges and comments.
 */
public sealed interface ObjectChange extends Change {

    record SchemaAdded(String schema) implements ObjectChange {
        public String object() { return schema; }
        public String describe() { return "schema " + schema + " is missing"; }
    }

    record SchemaDropped(String schema) implements ObjectChange {
        public String object() { return schema; }
        public String describe() { return "schema " + schema + " is not expected"; }
    }

    record ExtensionAdded(String extension, String version, String schema) implements ObjectChange {
        public String object() { return extension; }
        public String describe() { return "extension " + extension + " " + version + " is missing"; }
    }

    record ExtensionDropped(String extension, String version) implements ObjectChange {
        public String object() { return extension; }
        public String describe() { return "extension " + extension + " " + version + " is not expected"; }
    }

    record ExtensionChanged(String extension, String from, String to) implements ObjectChange {
        public String object() { return extension; }
        public String describe() { return "extension " + extension + ": " + from + " -> " + to; }
    }

    record EnumAdded(String type, List<String> labels) implements ObjectChange {
        public String object() { return type; }
        public String describe() { return "enum " + type + " " + labels + " is missing"; }
    }

    record EnumDropped(String type, List<String> labels) implements ObjectChange {
        public String object() { return type; }
        public String describe() { return "enum " + type + " is not expected"; }
    }

    record EnumLabelsChanged(String type, List<String> from, List<String> to) implements ObjectChange {
        public String object() { return type; }
        public String describe() { return "enum " + type + " labels: " + from + " -> " + to; }
    }

    record DomainAdded(String domain, String definition) implements ObjectChange {
        public String object() { return domain; }
        public String describe() { return "domain " + domain + " is missing"; }
    }

    record DomainDropped(String domain, String definition) implements ObjectChange {
        public String object() { return domain; }
        public String describe() { return "domain " + domain + " is not expected"; }
    }

    record DomainChanged(String domain, String from, String to) implements ObjectChange {
        public String object() { return domain; }
        public String describe() { return "domain " + domain + ": " + from + " -> " + to; }
    }

    /** {@code definition} is the attribute list, e.g. {@code (x integer, y text)}. */
    record CompositeTypeAdded(String type, String definition) implements ObjectChange {
        public String object() { return type; }
        public String describe() { return "composite type " + type + " " + definition + " is missing"; }
    }

    record CompositeTypeDropped(String type, String definition) implements ObjectChange {
        public String object() { return type; }
        public String describe() { return "composite type " + type + " is not expected"; }
    }

    /** Its attributes differ: names, types, collations or order (row values are positional). */
    record CompositeTypeChanged(String type, String from, String to) implements ObjectChange {
        public String object() { return type; }
        public String describe() { return "composite type " + type + ": " + from + " -> " + to; }
    }

    record SequenceAdded(String sequence, String options) implements ObjectChange {
        public String object() { return sequence; }
        public String describe() { return "sequence " + sequence + " is missing"; }
    }

    record SequenceDropped(String sequence, String options) implements ObjectChange {
        public String object() { return sequence; }
        public String describe() { return "sequence " + sequence + " is not expected"; }
    }

    record SequenceChanged(String sequence, String from, String to) implements ObjectChange {
        public String object() { return sequence; }
        public String describe() { return "sequence " + sequence + ": " + from + " -> " + to; }
    }

    record ViewAdded(String view, boolean materialized) implements ObjectChange {
        public String object() { return view; }
        public String table() { return view; }
        public String describe() { return (materialized ? "materialized view " : "view ") + view + " is missing"; }
    }

    record ViewDropped(String view, boolean materialized) implements ObjectChange {
        public String object() { return view; }
        public String table() { return view; }
        public String describe() {
            return (materialized ? "materialized view " : "view ") + view + " is not expected";
        }
    }

    record ViewDefinitionChanged(String view, boolean materialized, String from, String to) implements ObjectChange {
        public String object() { return view; }
        public String table() { return view; }
        public String describe() { return (materialized ? "materialized view " : "view ") + view + " definition differs"; }
    }

    /**
     * Reloptions the definition does not show: security_barrier, security_invoker and check_option decide which
     * rows the view lets through and as whom; a materialized view's are storage parameters. Maps by name.
     */
    record ViewOptionsChanged(String view, boolean materialized, Map<String, String> from, Map<String, String> to)

            implements ObjectChange {
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
    record ViewColumnDefaultChanged(String view, String column, String from, String to) implements ObjectChange {
        public String object() { return view + "." + column; }
        public String table() { return view; }
        public String describe() { return "view column " + column + " default: " + from + " -> " + to; }
    }

    /**
     * A materialized view that holds no rows (never refreshed, or created WITH NO DATA) where TO's does: every query
     * on it fails until a REFRESH. The other way round is no difference (see ViewDiff).
     */
    record MaterializedViewNotPopulated(String view) implements ObjectChange {
        public String object() { return view; }
        public String table() { return view; }
        public String describe() {
            return "materialized view " + view + " is not populated: queries on it fail until it is refreshed";
        }
    }

    record FunctionAdded(String function, boolean procedure) implements ObjectChange {
        public String object() { return function; }
        public String describe() { return (procedure ? "procedure " : "function ") + function + " is missing"; }
    }

    record FunctionDropped(String function, boolean procedure) implements ObjectChange {
        public String object() { return function; }
        public String describe() { return (procedure ? "procedure " : "function ") + function + " is not expected"; }
    }

    record FunctionChanged(String function, String from, String to) implements ObjectChange {
        public String object() { return function; }
        public String describe() { return "function " + function + " definition differs"; }
    }

    record AggregateAdded(String aggregate, String definition) implements ObjectChange {
        public String object() { return aggregate; }
        public String describe() { return "aggregate " + aggregate + " is missing"; }
    }

    record AggregateDropped(String aggregate, String definition) implements ObjectChange {
        public String object() { return aggregate; }
        public String describe() { return "aggregate " + aggregate + " is not expected"; }
    }

    /** Its support functions, state type, initial value or options differ: both CREATE AGGREGATE statements. */
    record AggregateChanged(String aggregate, String from, String to) implements ObjectChange {
        public String object() { return aggregate; }
        public String describe() { return "aggregate " + aggregate + " definition differs"; }
    }

    record EventTriggerAdded(String trigger, String definition) implements ObjectChange {
        public String object() { return trigger; }
        public String describe() { return "event trigger " + trigger + " is missing: " + definition; }
    }

    record EventTriggerDropped(String trigger, String definition) implements ObjectChange {
        public String object() { return trigger; }
        public String describe() { return "event trigger " + trigger + " is not expected"; }
    }

    /** Its event, tags, function or enabled state differ. */
    record EventTriggerChanged(String trigger, String from, String to) implements ObjectChange {
        public String object() { return trigger; }
        public String describe() { return "event trigger " + trigger + ": " + from + " -> " + to; }
    }

    /** {@code target} is the SQL object kind COMMENT ON takes (TABLE, COLUMN, INDEX, ...). */
    record CommentChanged(String target, String object, String table, String from, String to) implements ObjectChange {
        public String describe() {
            return "comment on " + target.toLowerCase(java.util.Locale.ROOT) + " " + object + ": "
                    + quote(from) + " -> " + quote(to);
        }

        private static String quote(String s) {
            return s == null ? "none" : "'" + s + "'";
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

                          String from, String to) implements ObjectChange {
        public String object() { return column == null ? name : name + "." + column; }
        public String describe() {
            return "grants more than expected: " + PrivilegeDiff.phrase(privilege, on, name, column, grantee) + " ("
                    + from + " -> " + to + ")";
        }
    }

    /** A privilege TO grants beyond FROM (or its grant option): as {@link PrivilegeExtra}, the other way. */
    record PrivilegeMissing(String on, String name, String column, String table, String grantee, String privilege,

                            String from, String to) implements ObjectChange {
        public String object() { return column == null ? name : name + "." + column; }
        public String describe() {
            return "grants less than expected: " + PrivilegeDiff.phrase(privilege, on, name, column, grantee) + " ("
                    + from + " -> " + to + ")";
        }
    }

    /** {@code definition} is CREATE COLLATION's option list (provider, locale, deterministic, rules). */
    record CollationAdded(String collation, String definition) implements ObjectChange {
        public String object() { return collation; }
        public String describe() { return "collation " + collation + " (" + definition + ") is missing"; }
    }

    record CollationDropped(String collation, String definition) implements ObjectChange {
        public String object() { return collation; }
        public String describe() { return "collation " + collation + " is not expected"; }
    }

    /** It compares or sorts otherwise: a collation cannot be altered, only made anew. */
    record CollationChanged(String collation, String from, String to) implements ObjectChange {
        public String object() { return collation; }
        public String describe() { return "collation " + collation + ": " + from + " -> " + to; }
    }

    /** {@code kind} is DICTIONARY or CONFIGURATION, as CREATE TEXT SEARCH names it. */
    record TextSearchAdded(String kind, String object, String definition) implements ObjectChange {
        public String describe() {
            return "text search " + kind.toLowerCase(java.util.Locale.ROOT) + " " + object + " is missing";
        }
    }

    record TextSearchDropped(String kind, String object, String definition) implements ObjectChange {
        public String describe() {
            return "text search " + kind.toLowerCase(java.util.Locale.ROOT) + " " + object + " is not expected";
        }
    }

    /** A dictionary's template or options, or a configuration's parser or mappings, differ. */
    record TextSearchChanged(String kind, String object, String from, String to) implements ObjectChange {
        public String describe() {
            return "text search " + kind.toLowerCase(java.util.Locale.ROOT) + " " + object + ": " + from + " -> " + to;
        }
    }
}
