package io.schemabot.diff;

import java.util.Comparator;
import java.util.List;

/**
 * The fixed order of a diff: schema-level objects first (schemas, extensions, types, sequences), then each
 * table with everything on it, then views, functions, triggers, rules and policies; within a group by object name, then kind.
 */
final class ChangeOrder {
    private static final List<Class<?>> KINDS = List.of(
            Change.SchemaAdded.class, Change.SchemaDropped.class,
            Change.ExtensionAdded.class, Change.ExtensionDropped.class, Change.ExtensionChanged.class,
            Change.CollationAdded.class, Change.CollationDropped.class, Change.CollationChanged.class,
            Change.TextSearchAdded.class, Change.TextSearchDropped.class, Change.TextSearchChanged.class,
            Change.EnumAdded.class, Change.EnumDropped.class, Change.EnumLabelsChanged.class,
            Change.DomainAdded.class, Change.DomainDropped.class, Change.DomainChanged.class,
            Change.CompositeTypeAdded.class, Change.CompositeTypeDropped.class, Change.CompositeTypeChanged.class,
            Change.SequenceAdded.class, Change.SequenceDropped.class, Change.SequenceChanged.class,
            Change.TableAdded.class, Change.TableDropped.class, Change.TableChanged.class,
            Change.RowSecurityChanged.class, Change.StorageChanged.class,
            Change.ColumnAdded.class, Change.ColumnDropped.class, Change.ColumnTypeChanged.class,
            Change.ColumnNullabilityChanged.class, Change.ColumnDefaultChanged.class,
            Change.ColumnIdentityChanged.class, Change.ColumnIdentityOptionsChanged.class,
            Change.ColumnGeneratedChanged.class,
            Change.ColumnCollationChanged.class, Change.ColumnSettingsChanged.class,
            Change.ConstraintAdded.class, Change.ConstraintDropped.class, Change.ConstraintChanged.class,
            Change.ForeignKeyChanged.class,
            Change.IndexAdded.class, Change.IndexDropped.class, Change.IndexChanged.class,
            Change.ViewAdded.class, Change.ViewDropped.class, Change.ViewDefinitionChanged.class,
            Change.ViewOptionsChanged.class, Change.ViewColumnDefaultChanged.class,
            Change.MaterializedViewNotPopulated.class,
            Change.FunctionAdded.class, Change.FunctionDropped.class, Change.FunctionChanged.class,
            Change.PrivilegeExtra.class, Change.PrivilegeMissing.class,
            Change.AggregateAdded.class, Change.AggregateDropped.class, Change.AggregateChanged.class,
            Change.TriggerAdded.class, Change.TriggerDropped.class, Change.TriggerChanged.class,
            Change.PartitionTriggerStateChanged.class,
            Change.RuleAdded.class, Change.RuleDropped.class, Change.RuleChanged.class,
            Change.PolicyAdded.class, Change.PolicyDropped.class, Change.PolicyChanged.class,
            Change.EventTriggerAdded.class, Change.EventTriggerDropped.class, Change.EventTriggerChanged.class,
            Change.CommentChanged.class);

    private static final int TABLE_GROUP = KINDS.indexOf(Change.TableAdded.class);
    private static final int VIEW_GROUP = KINDS.indexOf(Change.ViewAdded.class);

    private ChangeOrder() {
    }

    static List<Change> sort(List<Change> changes) {
        return changes.stream().sorted(Comparator.comparingInt(ChangeOrder::group)
                .thenComparing(ChangeOrder::owner)
                .thenComparingInt(c -> KINDS.indexOf(c.getClass()))
                .thenComparing(Change::object)
                .thenComparing(Change::describe)).toList();
    }

    /** 0 before tables, 1 tables and what hangs on them, 2 after. */
    private static int group(Change c) {
        if (c.table() != null && !(c instanceof Change.ViewAdded || c instanceof Change.ViewDropped
                || c instanceof Change.ViewDefinitionChanged || c instanceof Change.ViewOptionsChanged)) {
            return 1;
        }
        int kind = KINDS.indexOf(c.getClass());
        if (c instanceof Change.CommentChanged) {
            return 2;
        }
        return kind < TABLE_GROUP ? 0 : kind < VIEW_GROUP ? 1 : 2;
    }

    private static String owner(Change c) {
        return c.table() != null ? c.table() : c.object();
    }
}
