package io.schemabot.diff;

import io.schemabot.schema.CompositeType;
import io.schemabot.schema.Snapshot;
import io.schemabot.sql.Sql;

import java.util.List;

/** Compares the kinds SchemaDiff hands over: composite types with their attributes' comments. */
final class MoreKindsDiff {
    private final List<Change> changes;

    private MoreKindsDiff(List<Change> changes) {
        this.changes = changes;
    }

    static void compare(Snapshot from, Snapshot to, List<Change> changes) {
        new MoreKindsDiff(changes).compositeTypes(from, to);
    }

    private void compositeTypes(Snapshot from, Snapshot to) {
        SchemaDiff.byKey(from.compositeTypes(), to.compositeTypes(), CompositeType::qualifiedName,
                t -> changes.add(new Change.CompositeTypeAdded(t.qualifiedName(), t.definition())),
                t -> changes.add(new Change.CompositeTypeDropped(t.qualifiedName(), t.definition())),
                (a, b) -> {
                    if (!a.definition().equals(b.definition())) {
                        changes.add(new Change.CompositeTypeChanged(a.qualifiedName(), a.definition(), b.definition()));
                    }
                    SchemaDiff.addComment(changes, "TYPE", a.qualifiedName(), null, a.comment(), b.comment());
                    // an attribute on one side only has no comment on the other
                    SchemaDiff.byKey(a.attributes(), b.attributes(), CompositeType.Attribute::name,
                            x -> attributeComment(a, x.name(), null, x.comment()),
                            x -> attributeComment(a, x.name(), x.comment(), null),
                            (x, y) -> attributeComment(a, x.name(), x.comment(), y.comment()));
                });
    }

    private void attributeComment(CompositeType type, String attribute, String from, String to) {
        SchemaDiff.addComment(changes, "COLUMN", type.qualifiedName() + "." + Sql.ident(attribute), null, from, to);
    }
}
