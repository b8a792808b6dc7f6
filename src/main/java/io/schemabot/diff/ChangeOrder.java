package io.schemabot.diff;

import java.util.Comparator;
import java.util.List;

/**
 * The fixed order of a diff: schema-level objects first (schemas, extensions, types, sequences), then each
 * table with everything on it, then views, functions, triggers, rules and policies; within a group by object name, then kind.
 */
final class ChangeOrder {
    private static final List<Class<?>> KINDS = List.of(
            ObjectChange.SchemaAdded.class, ObjectChange.SchemaDropped.class,
            ObjectChange.ExtensionAdded.class, ObjectChange.ExtensionDropped.class, ObjectChange.ExtensionChanged.class,
            ObjectChange.CollationAdded.class, ObjectChange.CollationDropped.class, ObjectChange.CollationChanged.class,
            ObjectChange.TextSearchAdded.class, ObjectChange.TextSearchDropped.class, ObjectChange.TextSearchChanged.class,
            ObjectChange.EnumAdded.class, ObjectChange.EnumDropped.class, ObjectChange.EnumLabelsChanged.class,
            ObjectChange.DomainAdded.class, ObjectChange.DomainDropped.class, ObjectChange.DomainChanged.class,
            ObjectChange.CompositeTypeAdded.class, ObjectChange.CompositeTypeDropped.class, ObjectChange.CompositeTypeChanged.class,
            ObjectChange.SequenceAdded.class, ObjectChange.SequenceDropped.class, ObjectChange.SequenceChanged.class,
            TableChange.TableAdded.class, TableChange.TableDropped.class, TableChange.TableChanged.class,
            TableChange.RowSecurityChanged.class, TableChange.StorageChanged.class,
            TableChange.ColumnAdded.class, TableChange.ColumnDropped.class, TableChange.ColumnTypeChanged.class,
            TableChange.ColumnNullabilityChanged.class, TableChange.ColumnDefaultChanged.class,
            TableChange.ColumnIdentityChanged.class, TableChange.ColumnIdentityOptionsChanged.class,
            TableChange.ColumnGeneratedChanged.class,
            TableChange.ColumnCollationChanged.class, TableChange.ColumnSettingsChanged.class,
            TableChange.ConstraintAdded.class, TableChange.ConstraintDropped.class, TableChange.ConstraintChanged.class,
            TableChange.ForeignKeyChanged.class,
            TableChange.IndexAdded.class, TableChange.IndexDropped.class, TableChange.IndexChanged.class,
            ObjectChange.ViewAdded.class, ObjectChange.ViewDropped.class, ObjectChange.ViewDefinitionChanged.class,
            ObjectChange.ViewOptionsChanged.class, ObjectChange.ViewColumnDefaultChanged.class,
            ObjectChange.MaterializedViewNotPopulated.class,
            ObjectChange.FunctionAdded.class, ObjectChange.FunctionDropped.class, ObjectChange.FunctionChanged.class,
            ObjectChange.PrivilegeExtra.class, ObjectChange.PrivilegeMissing.class,
            ObjectChange.AggregateAdded.class, ObjectChange.AggregateDropped.class, ObjectChange.AggregateChanged.class,
            TableChange.TriggerAdded.class, TableChange.TriggerDropped.class, TableChange.TriggerChanged.class,
            TableChange.PartitionTriggerStateChanged.class,
            TableChange.RuleAdded.class, TableChange.RuleDropped.class, TableChange.RuleChanged.class,
            TableChange.PolicyAdded.class, TableChange.PolicyDropped.class, TableChange.PolicyChanged.class,
            ObjectChange.EventTriggerAdded.class, ObjectChange.EventTriggerDropped.class, ObjectChange.EventTriggerChanged.class,
            ObjectChange.CommentChanged.class);

    private static final int TABLE_GROUP = KINDS.indexOf(TableChange.TableAdded.class);
    private static final int VIEW_GROUP = KINDS.indexOf(ObjectChange.ViewAdded.class);

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
        if (c.table() != null && !(c instanceof ObjectChange.ViewAdded || c instanceof ObjectChange.ViewDropped
                || c instanceof ObjectChange.ViewDefinitionChanged || c instanceof ObjectChange.ViewOptionsChanged)) {
            return 1;
        }
        int kind = KINDS.indexOf(c.getClass());
        if (c instanceof ObjectChange.CommentChanged) {
            return 2;
        }
        return kind < TABLE_GROUP ? 0 : kind < VIEW_GROUP ? 1 : 2;
    }

    private static String owner(Change c) {
        return c.table() != null ? c.table() : c.object();
    }
}
