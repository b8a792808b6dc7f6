package io.schemabot.diff;

import io.schemabot.schema.Aggregate;
import io.schemabot.schema.CompositeType;
import io.schemabot.schema.EventTrigger;
import io.schemabot.schema.Snapshot;
import io.schemabot.sql.Sql;

import java.util.List;

/** Compares the kinds SchemaDiff hands over: composite types with their attributes' comments, aggregates, event triggers. */
final class MoreKindsDiff {
    private final List<Change> changes;

    private MoreKindsDiff(List<Change> changes) {
        this.changes = changes;
    }

    static void compare(Snapshot from, Snapshot to, List<Change> changes) {
        MoreKindsDiff diff = new MoreKindsDiff(changes);
        diff.compositeTypes(from, to);
        diff.aggregates(from, to);
        diff.eventTriggers(from, to);
    }

    private void eventTriggers(Snapshot from, Snapshot to) {
        SchemaDiff.byKey(from.eventTriggers(), to.eventTriggers(), EventTrigger::name,
                t -> changes.add(new ObjectChange.EventTriggerAdded(Sql.ident(t.name()), t.definition())),
                t -> changes.add(new ObjectChange.EventTriggerDropped(Sql.ident(t.name()), t.definition())),
                (a, b) -> {
                    if (!a.state().equals(b.state())) {
                        changes.add(new ObjectChange.EventTriggerChanged(Sql.ident(a.name()), a.state(), b.state()));
                    }
                    SchemaDiff.addComment(changes, "EVENT TRIGGER", Sql.ident(a.name()), null, a.comment(), b.comment());
                });
    }


    private void aggregates(Snapshot from, Snapshot to) {
        SchemaDiff.byKey(from.aggregates(), to.aggregates(), Aggregate::signature,
                a -> changes.add(new ObjectChange.AggregateAdded(a.signature(), a.definition())),
                a -> changes.add(new ObjectChange.AggregateDropped(a.signature(), a.definition())),
                (a, b) -> {
                    if (!a.definition().equals(b.definition())) {
                        changes.add(new ObjectChange.AggregateChanged(a.signature(), a.definition(), b.definition()));
                    }
                    SchemaDiff.addComment(changes, "AGGREGATE", a.signature(), null, a.comment(), b.comment());
                });
    }

    private void compositeTypes(Snapshot from, Snapshot to) {
        SchemaDiff.byKey(from.compositeTypes(), to.compositeTypes(), CompositeType::qualifiedName,
                t -> changes.add(new ObjectChange.CompositeTypeAdded(t.qualifiedName(), t.definition())),
                t -> changes.add(new ObjectChange.CompositeTypeDropped(t.qualifiedName(), t.definition())),
                (a, b) -> {
                    if (!a.definition().equals(b.definition())) {
                        changes.add(new ObjectChange.CompositeTypeChanged(a.qualifiedName(), a.definition(), b.definition()));
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
