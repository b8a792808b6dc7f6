package io.schemabot.diff;

import io.schemabot.schema.Column;
import io.schemabot.schema.Constraint;
import io.schemabot.schema.GeneratedNames;
import io.schemabot.schema.Table;
import io.schemabot.sql.Sql;

import java.util.List;
import java.util.Objects;

/** Compares one table present on both sides: its properties, columns and constraints. */
final class TableDiff {
    private final Table from;
    private final Table to;
    private final List<Change> changes;
    private final String table;

    TableDiff(Table from, Table to, List<Change> changes) {
        this.from = from;
        this.to = to;
        this.changes = changes;
        this.table = from.qualifiedName();
    }

    void compare() {
        property("persistence", from.unlogged() ? "UNLOGGED" : "LOGGED", to.unlogged() ? "UNLOGGED" : "LOGGED");
        property("partition key", from.partitionKey(), to.partitionKey());
        property("partition of", partitionOf(from), partitionOf(to));
        property("inherits", String.join(", ", from.inherits()), String.join(", ", to.inherits()));
        StorageDiff.tables(from, to, changes);
        SchemaDiff.addComment(changes, "TABLE", table, table, from.comment(), to.comment());
        SchemaDiff.byKey(from.columns(), to.columns(), Column::name,
                c -> changes.add(new TableChange.ColumnAdded(table, Sql.ident(c.name()), c.type())),
                c -> changes.add(new TableChange.ColumnDropped(table, Sql.ident(c.name()), c.type())),
                this::compareColumn);
        compareConstraints();
    }

    private void compareColumn(Column a, Column b) {
        String column = Sql.ident(a.name());
        if (!a.type().equals(b.type())) {
            changes.add(new TableChange.ColumnTypeChanged(table, column, a.type(), b.type()));
        }
        if (a.notNull() != b.notNull()) {
            changes.add(new TableChange.ColumnNullabilityChanged(table, column, a.notNull(), b.notNull()));
        }
        if (!Objects.equals(a.defaultExpression(), b.defaultExpression())) {
            changes.add(new TableChange.ColumnDefaultChanged(table, column, a.defaultExpression(), b.defaultExpression()));
        }
        if (!Objects.equals(a.identity(), b.identity())) {
            changes.add(new TableChange.ColumnIdentityChanged(table, column, a.identity(), b.identity()));
        }
        String wasOptions = a.identity() == null ? null : a.identityOptions();
        if (b.identity() != null && !Objects.equals(wasOptions, b.identityOptions())) {
            changes.add(new TableChange.ColumnIdentityOptionsChanged(table, column, wasOptions, b.identityOptions()));
        }
        if (!Objects.equals(a.generated(), b.generated())) {
            changes.add(new TableChange.ColumnGeneratedChanged(table, column, a.generated(), b.generated()));
        }
        if (!Objects.equals(a.collation(), b.collation())) {
            changes.add(new TableChange.ColumnCollationChanged(table, column, a.collation(), b.collation()));
        }
        StorageDiff.column(table, column, a.settings(), b.settings(), changes);
        SchemaDiff.addComment(changes, "COLUMN", table + "." + column, table, a.comment(), b.comment());
    }

    private void compareConstraints() {
        Pairing<Constraint> pairs = new Pairing<>(from.constraints(), to.constraints(),
                Constraint::name, c -> c.type() + " " + c.definition(),
                c -> GeneratedNames.isGenerated(from.name(), c.name()));
        for (Constraint c : pairs.added) {
            changes.add(new TableChange.ConstraintAdded(table, Sql.ident(c.name()), c.type().name(), c.definition()));
        }
        for (Constraint c : pairs.dropped) {
            changes.add(new TableChange.ConstraintDropped(table, Sql.ident(c.name()), c.type().name(), c.definition()));
        }
        for (Pairing.Pair<Constraint> p : pairs.changed) {
            Constraint a = p.from();
            Constraint b = p.to();
            String name = Sql.ident(a.name());
            if (a.type() == Constraint.Type.FOREIGN_KEY && b.type() == Constraint.Type.FOREIGN_KEY) {
                changes.add(new TableChange.ForeignKeyChanged(table, name, a.definition(), b.definition()));
            } else if (a.type() != b.type()) {
                changes.add(new TableChange.ConstraintDropped(table, name, a.type().name(), a.definition()));
                changes.add(new TableChange.ConstraintAdded(table, name, b.type().name(), b.definition()));
            } else {
                changes.add(new TableChange.ConstraintChanged(table, name, a.type().name(), a.definition(), b.definition()));
            }
        }
        for (Pairing.Pair<Constraint> p : pairs.same) {
            if (p.from().triggersDisabled() != p.to().triggersDisabled()) {
                changes.add(new TableChange.ForeignKeyChanged(table, Sql.ident(p.from().name()), enforcement(p.from()),
                        enforcement(p.to())));
            }
            SchemaDiff.addComment(changes, "CONSTRAINT", Sql.ident(p.to().name()) + " ON " + table, table,
                    p.from().comment(), p.to().comment());
        }
    }

    private static String enforcement(Constraint c) {
        return c.definition() + (c.triggersDisabled() ? " (its triggers are disabled: it checks nothing)" : "");
    }

    private void property(String name, String a, String b) {
        String left = a == null ? "" : a;
        String right = b == null ? "" : b;
        if (!left.equals(right)) {
            changes.add(new TableChange.TableChanged(table, name, a, b));
        }
    }

    private static String partitionOf(Table t) {
        return t.partitionOf() == null ? null : t.partitionOf() + " " + t.partitionBound();
    }
}
