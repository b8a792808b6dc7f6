package io.schemabot.diff;

import java.util.List;

/** A change to a table or what hangs on it: columns, constraints, indexes, triggers, rules, policies, storage. */
public sealed interface TableChange extends Change {

    /** {@code contents} are its columns and constraints, for the reports. */
    record TableAdded(String table, TableContents contents) implements TableChange {
        public TableAdded(String table) { this(table, TableContents.NONE); }
        public String object() { return table; }
        public String describe() { return "table " + table + " is missing"; }
        public List<String> details() { return contents.lines(); }
    }

    record TableDropped(String table) implements TableChange {
        public String object() { return table; }
        public String describe() { return "table " + table + " is not expected"; }
    }

    /** A table-level property: persistence, partition key, partition parent or bound, inheritance. */
    record TableChanged(String table, String property, String from, String to) implements TableChange {
        public String object() { return table; }
        public String describe() { return "table " + table + " " + property + ": " + from + " -> " + to; }
    }

    /**
     * How a table or materialized view is stored: {@code setting} is "storage parameters" (a table's reloptions;
     * a materialized view's are {@link ViewOptionsChanged}), "access method" or "tablespace"; null is the default.
     */
    record StorageChanged(String table, String setting, String from, String to) implements TableChange {
        public String object() { return table; }
        public String describe() {
            return table + " " + setting + ": " + (from == null ? "default" : from) + " -> " + (to == null ? "default" : to);
        }
    }

    record ColumnAdded(String table, String column, String type) implements TableChange {
        public String object() { return table + "." + column; }
        public String describe() { return "column " + column + " " + type + " is missing"; }
    }

    record ColumnDropped(String table, String column, String type) implements TableChange {
        public String object() { return table + "." + column; }
        public String describe() { return "column " + column + " " + type + " is not expected"; }
    }

    record ColumnTypeChanged(String table, String column, String from, String to) implements TableChange {
        public String object() { return table + "." + column; }
        public String describe() { return "column " + column + " type: " + from + " -> " + to; }
    }

    record ColumnNullabilityChanged(String table, String column, boolean fromNotNull, boolean toNotNull)

            implements TableChange {
        public String object() { return table + "." + column; }
        public String describe() {
            return "column " + column + ": " + (fromNotNull ? "NOT NULL" : "NULL") + " -> "
                    + (toNotNull ? "NOT NULL" : "NULL");
        }
    }

    record ColumnDefaultChanged(String table, String column, String from, String to) implements TableChange {
        public String object() { return table + "." + column; }
        public String describe() { return "column " + column + " default: " + from + " -> " + to; }
    }

    record ColumnIdentityChanged(String table, String column, String from, String to) implements TableChange {
        public String object() { return table + "." + column; }
        public String describe() { return "column " + column + " identity: " + from + " -> " + to; }
    }

    /** An identity column's sequence options that are not the defaults, null for none (see IdentitySequence). */
    record ColumnIdentityOptionsChanged(String table, String column, String from, String to) implements TableChange {
        public String object() { return table + "." + column; }
        public String describe() {
            return "column " + column + " identity options: " + (from == null ? "defaults" : from) + " -> "
                    + (to == null ? "defaults" : to);
        }
    }

    record ColumnGeneratedChanged(String table, String column, String from, String to) implements TableChange {
        public String object() { return table + "." + column; }
        public String describe() { return "column " + column + " generated: " + from + " -> " + to; }
    }

    record ColumnCollationChanged(String table, String column, String from, String to) implements TableChange {
        public String object() { return table + "." + column; }
        public String describe() { return "column " + column + " collation: " + from + " -> " + to; }
    }

    /**
     * A column's settings of a table or materialized view, as {@link io.schemabot.schema.Column#settings()} names
     * them (statistics target, storage, compression, n_distinct); the planner reads the values from the snapshots.
     */
    record ColumnSettingsChanged(String table, String column, String from, String to) implements TableChange {
        public String object() { return table + "." + column; }
        public String describe() {
            return "column " + column + " settings: " + (from == null ? "default" : from) + " -> "
                    + (to == null ? "default" : to);
        }
    }

    /** {@code type} is PRIMARY_KEY, UNIQUE, CHECK, FOREIGN_KEY or EXCLUSION. */
    record ConstraintAdded(String table, String constraint, String type, String definition) implements TableChange {
        public String object() { return table + "." + constraint; }
        public String describe() { return "constraint " + constraint + " is missing: " + definition; }
    }

    record ConstraintDropped(String table, String constraint, String type, String definition) implements TableChange {
        public String object() { return table + "." + constraint; }
        public String describe() { return "constraint " + constraint + " is not expected: " + definition; }
    }

    record ConstraintChanged(String table, String constraint, String type, String from, String to)

            implements TableChange {
        public String object() { return table + "." + constraint; }
        public String describe() { return "constraint " + constraint + ": " + from + " -> " + to; }
    }

    record ForeignKeyChanged(String table, String constraint, String from, String to) implements TableChange {
        public String object() { return table + "." + constraint; }
        public String describe() { return "foreign key " + constraint + ": " + from + " -> " + to; }
    }

    record IndexAdded(String table, String index, String definition) implements TableChange {
        public String object() { return index; }
        public String describe() { return "index " + index + " is missing: " + definition; }
    }

    record IndexDropped(String table, String index, String definition) implements TableChange {
        public String object() { return index; }
        public String describe() { return "index " + index + " is not expected: " + definition; }
    }

    record IndexChanged(String table, String index, String from, String to) implements TableChange {
        public String object() { return index; }
        public String describe() { return "index " + index + ": " + from + " -> " + to; }
    }

    record TriggerAdded(String table, String trigger, String definition) implements TableChange {
        public String object() { return table + "." + trigger; }
        public String describe() { return "trigger " + trigger + " is missing"; }
    }

    record TriggerDropped(String table, String trigger, String definition) implements TableChange {
        public String object() { return table + "." + trigger; }
        public String describe() { return "trigger " + trigger + " is not expected"; }
    }

    record TriggerChanged(String table, String trigger, String from, String to) implements TableChange {
        public String object() { return table + "." + trigger; }
        public String describe() { return "trigger " + trigger + ": " + from + " -> " + to; }
    }

    /**
     * A partition's copy of its parent's trigger is enabled otherwise (or no longer): {@code from} and {@code to}
     * are the states as ALTER TABLE sets them, e.g. DISABLE.
     */
    record PartitionTriggerStateChanged(String table, String trigger, String from, String to) implements TableChange {
        public String object() { return table + "." + trigger; }
        public String describe() { return "trigger " + trigger + " on partition " + table + ": " + from + " -> " + to; }
    }

    /** {@code rule} is how DROP RULE names it: {@code name ON table}. */
    record RuleAdded(String table, String rule, String definition) implements TableChange {
        public String object() { return rule; }
        public String describe() { return "rule " + rule + " is missing"; }
    }

    record RuleDropped(String table, String rule, String definition) implements TableChange {
        public String object() { return rule; }
        public String describe() { return "rule " + rule + " is not expected"; }
    }

    record RuleChanged(String table, String rule, String from, String to) implements TableChange {
        public String object() { return rule; }
        public String describe() { return "rule " + rule + ": " + from + " -> " + to; }
    }

    /** {@code policy} is how DROP POLICY names it: {@code name ON table}. */
    record PolicyAdded(String table, String policy, String definition) implements TableChange {
        public String object() { return policy; }
        public String describe() { return "policy " + policy + " is missing: " + definition; }
    }

    record PolicyDropped(String table, String policy, String definition) implements TableChange {
        public String object() { return policy; }
        public String describe() { return "policy " + policy + " is not expected: " + definition; }
    }

    record PolicyChanged(String table, String policy, String from, String to) implements TableChange {
        public String object() { return policy; }
        public String describe() { return "policy " + policy + ": " + from + " -> " + to; }
    }

    /** Whether row-level security is enabled and forced on the table, as the ALTER TABLE clauses say it. */
    record ReplicaIdentityChanged(String table, String from, String to) implements TableChange {
        public String object() { return table; }
        public String describe() { return "table " + table + " replica identity: " + from + " -> " + to; }
    }

    record RowSecurityChanged(String table, String from, String to) implements TableChange {
        public String object() { return table; }
        public String describe() { return "table " + table + " row level security: " + from + " -> " + to; }
    }

    /**
     * The columns both sides have stand in another order: {@code fromOrder} as the table will read once the plan has
     * added TO's new columns at its end, {@code toOrder} as TO has them. Cosmetic for code that names its columns (only
     * SELECT * and INSERT without a column list see it), so the diff keeps it apart from its changes
     * ({@link DiffResult#cosmetic()}) and no plan rewrites a table under an exclusive lock for it.
     */
    record ColumnOrderDiffers(String table, List<String> fromOrder, List<String> toOrder) implements TableChange {
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
}
