package io.schemabot.diff;

import io.schemabot.schema.View;
import io.schemabot.sql.Sql;

import java.util.List;
import java.util.Objects;

/**
 * Compares one view or materialized view present on both sides: its kind, definition, options, comment, whether
 * a materialized view is populated (queries on one that is not fail), how it is stored, and its columns' defaults,
 * comments and settings.
 */
final class ViewDiff {
    private final View from;
    private final View to;
    private final List<Change> changes;
    private final String view;

    ViewDiff(View from, View to, List<Change> changes) {
        this.from = from;
        this.to = to;
        this.changes = changes;
        this.view = from.qualifiedName();
    }

    void compare() {
        if (from.materialized() != to.materialized()) {
            // a different kind of object: the new one is created with everything TO gives it
            changes.add(new ObjectChange.ViewDropped(view, from.materialized()));
            changes.add(new ObjectChange.ViewAdded(view, to.materialized()));
        } else {
            if (!from.definition().equals(to.definition())) {
                changes.add(new ObjectChange.ViewDefinitionChanged(view, from.materialized(), from.definition(),
                        to.definition()));
            }
            if (!from.options().equals(to.options())) {
                changes.add(new ObjectChange.ViewOptionsChanged(view, from.materialized(), from.options(), to.options()));
            }
            // only an empty view where rows are expected is drift: migrations often create one WITH NO DATA and
            // leave filling it to the application, and emptying production's would make every query on it fail
            StorageDiff.views(from, to, changes);
            if (from.unpopulated() && !to.unpopulated()) {
                changes.add(new ObjectChange.MaterializedViewNotPopulated(view));
            }
            SchemaDiff.byKey(from.columns(), to.columns(), View.ViewColumn::name,
                    c -> compareColumn(new View.ViewColumn(c.name(), null, null, null), c),
                    c -> compareColumn(c, new View.ViewColumn(c.name(), null, null, null)),
                    this::compareColumn);
        }
        SchemaDiff.addComment(changes, from.materialized() ? "MATERIALIZED VIEW" : "VIEW", view, view,
                from.comment(), to.comment());
    }

    /** A column listed on one side only has neither default nor comment on the other. */
    private void compareColumn(View.ViewColumn a, View.ViewColumn b) {
        String column = Sql.ident(a.name());
        if (!Objects.equals(a.defaultExpression(), b.defaultExpression())) {
            changes.add(new ObjectChange.ViewColumnDefaultChanged(view, column, a.defaultExpression(),
                    b.defaultExpression()));
        }
        StorageDiff.column(view, column, a.settings(), b.settings(), changes);
        SchemaDiff.addComment(changes, "COLUMN", view + "." + column, view, a.comment(), b.comment());
    }
}
