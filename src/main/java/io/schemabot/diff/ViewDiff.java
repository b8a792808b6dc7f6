package io.schemabot.diff;

import io.schemabot.schema.View;
import io.schemabot.sql.Sql;

import java.util.List;
import java.util.Objects;

/**
 * Compares one view or materialized view present on both sides: its kind, definition, options, comment, and its
 * columns' defaults and comments. Whether a materialized view is populated is left out on purpose: that is the
 * state of its data, which one REFRESH changes, not the shape of the schema; a diff reporting it would make a
 * freshly migrated shadow database differ from production for no schema reason. Plans that rebuild a
 * materialized view keep its state instead.
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
            changes.add(new Change.ViewDropped(view, from.materialized()));
            changes.add(new Change.ViewAdded(view, to.materialized()));
        } else {
            if (!from.definition().equals(to.definition())) {
                changes.add(new Change.ViewDefinitionChanged(view, from.materialized(), from.definition(),
                        to.definition()));
            }
            if (!from.options().equals(to.options())) {
                changes.add(new Change.ViewOptionsChanged(view, from.materialized(), from.options(), to.options()));
            }
            SchemaDiff.byKey(from.columns(), to.columns(), View.ViewColumn::name,
                    c -> compareColumn(new View.ViewColumn(c.name(), null, null), c),
                    c -> compareColumn(c, new View.ViewColumn(c.name(), null, null)),
                    this::compareColumn);
        }
        SchemaDiff.addComment(changes, from.materialized() ? "MATERIALIZED VIEW" : "VIEW", view, view,
                from.comment(), to.comment());
    }

    /** A column listed on one side only has neither default nor comment on the other. */
    private void compareColumn(View.ViewColumn a, View.ViewColumn b) {
        String column = Sql.ident(a.name());
        if (!Objects.equals(a.defaultExpression(), b.defaultExpression())) {
            changes.add(new Change.ViewColumnDefaultChanged(view, column, a.defaultExpression(),
                    b.defaultExpression()));
        }
        SchemaDiff.addComment(changes, "COLUMN", view + "." + column, view, a.comment(), b.comment());
    }
}
