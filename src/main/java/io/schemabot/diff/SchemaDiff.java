package io.schemabot.diff;

import io.schemabot.schema.Domain;
import io.schemabot.schema.EnumType;
import io.schemabot.schema.Extension;
import io.schemabot.schema.Function;
import io.schemabot.schema.GeneratedNames;
import io.schemabot.schema.Index;
import io.schemabot.schema.Namespace;
import io.schemabot.schema.PartitionTriggers;
import io.schemabot.schema.Sequence;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.schema.Trigger;
import io.schemabot.schema.View;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Compares two snapshots. The result reads as the changes that turn FROM into TO, in a deterministic order,
 * plus foreign keys whose column types cannot match their referenced keys.
 */
public final class SchemaDiff {
    private final List<Change> changes = new ArrayList<>();

    private SchemaDiff() {
    }

    public static DiffResult between(Snapshot from, Snapshot to) {
        SchemaDiff diff = new SchemaDiff();
        diff.compare(from, to);
        List<Change> ordered = ChangeOrder.sort(diff.changes);
        return new DiffResult(from.fingerprint(), to.fingerprint(), ordered, ForeignKeyTypes.check(from, to, ordered),
                ColumnOrder.between(from, to));
    }

    private void compare(Snapshot from, Snapshot to) {
        byKey(from.schemas(), to.schemas(), Namespace::name,
                n -> changes.add(new ObjectChange.SchemaAdded(n.qualifiedName())),
                n -> changes.add(new ObjectChange.SchemaDropped(n.qualifiedName())),
                (a, b) -> comment("SCHEMA", a.qualifiedName(), null, a.comment(), b.comment()));
        byKey(from.extensions(), to.extensions(), Extension::name,
                x -> changes.add(new ObjectChange.ExtensionAdded(Sql.ident(x.name()), x.version(), x.schema())),
                x -> changes.add(new ObjectChange.ExtensionDropped(Sql.ident(x.name()), x.version())),
                (a, b) -> {
                    if (!a.version().equals(b.version()) || !a.schema().equals(b.schema())) {
                        changes.add(new ObjectChange.ExtensionChanged(Sql.ident(a.name()), a.version() + " in " + a.schema(),
                                b.version() + " in " + b.schema()));
                    }
                    comment("EXTENSION", Sql.ident(a.name()), null, a.comment(), b.comment());
                });
        CollationDiff.compare(from, to, changes);
        byKey(from.enums(), to.enums(), EnumType::qualifiedName,
                e -> changes.add(new ObjectChange.EnumAdded(e.qualifiedName(), e.labels())),
                e -> changes.add(new ObjectChange.EnumDropped(e.qualifiedName(), e.labels())),
                (a, b) -> {
                    if (!a.labels().equals(b.labels())) {
                        changes.add(new ObjectChange.EnumLabelsChanged(a.qualifiedName(), a.labels(), b.labels()));
                    }
                    comment("TYPE", a.qualifiedName(), null, a.comment(), b.comment());
                });
        byKey(from.domains(), to.domains(), Domain::qualifiedName,
                d -> changes.add(new ObjectChange.DomainAdded(d.qualifiedName(), domainDefinition(d))),
                d -> changes.add(new ObjectChange.DomainDropped(d.qualifiedName(), domainDefinition(d))),
                (a, b) -> {
                    if (!domainDefinition(a).equals(domainDefinition(b))) {
                        changes.add(new ObjectChange.DomainChanged(a.qualifiedName(), domainDefinition(a),
                                domainDefinition(b)));
                    }
                    comment("DOMAIN", a.qualifiedName(), null, a.comment(), b.comment());
                });
        // A serial column's sequence comes and goes with its table; reporting it too would only be noise.
        byKey(from.sequences(), to.sequences(), Sequence::qualifiedName,
                s -> {
                    if (!ownerTableIn(s, to, from)) {
                        changes.add(new ObjectChange.SequenceAdded(s.qualifiedName(), s.options()));
                    }
                },
                s -> {
                    if (!ownerTableIn(s, from, to)) {
                        changes.add(new ObjectChange.SequenceDropped(s.qualifiedName(), s.options()));
                    }
                },
                (a, b) -> {
                    String left = a.options() + ownedBy(a);
                    String right = b.options() + ownedBy(b);
                    if (!left.equals(right)) {
                        changes.add(new ObjectChange.SequenceChanged(a.qualifiedName(), left, right));
                    }
                    comment("SEQUENCE", a.qualifiedName(), null, a.comment(), b.comment());
                });
        MoreKindsDiff.compare(from, to, changes);
        byKey(from.tables(), to.tables(), Table::qualifiedName,
                t -> changes.add(new TableChange.TableAdded(t.qualifiedName(), TableContents.of(t))),
                t -> changes.add(new TableChange.TableDropped(t.qualifiedName())),
                (a, b) -> new TableDiff(a, b, changes).compare());
        compareIndexes(from, to);
        compareReplicaIdentities(from, to);
        comparePartitionTriggerStates(from, to);
        byKey(from.views(), to.views(), View::qualifiedName,
                v -> changes.add(new ObjectChange.ViewAdded(v.qualifiedName(), v.materialized())),
                v -> changes.add(new ObjectChange.ViewDropped(v.qualifiedName(), v.materialized())),
                (a, b) -> new ViewDiff(a, b, changes).compare());
        byKey(from.functions(), to.functions(), Function::signature,
                f -> changes.add(new ObjectChange.FunctionAdded(f.signature(), f.procedure())),
                f -> changes.add(new ObjectChange.FunctionDropped(f.signature(), f.procedure())),
                (a, b) -> {
                    if (!a.definition().equals(b.definition())) {
                        changes.add(new ObjectChange.FunctionChanged(a.signature(), a.definition(), b.definition()));
                    }
                    comment(a.procedure() ? "PROCEDURE" : "FUNCTION", a.signature(), null, a.comment(), b.comment());
                });
        byKey(from.triggers(), to.triggers(), t -> t.table() + "." + Sql.ident(t.name()),
                t -> changes.add(new TableChange.TriggerAdded(t.table(), Sql.ident(t.name()), t.definition())),
                t -> changes.add(new TableChange.TriggerDropped(t.table(), Sql.ident(t.name()), t.definition())),
                (a, b) -> {
                    String left = triggerState(a);
                    String right = triggerState(b);
                    if (!left.equals(right)) {
                        changes.add(new TableChange.TriggerChanged(a.table(), Sql.ident(a.name()), left, right));
                    }
                    comment("TRIGGER", Sql.ident(a.name()) + " ON " + a.table(), a.table(), a.comment(), b.comment());
                });
        RuleAndPolicyDiff.compare(from, to, changes);
        PrivilegeDiff.compare(from, to, changes);
    }

    private void compareIndexes(Snapshot from, Snapshot to) {
        // an index's tablespace is the cluster's placement, not schema (see StorageDiff)
        Pairing<Index> pairs = new Pairing<>(from.indexes().stream().map(Index::inDefaultTablespace).toList(),
                to.indexes().stream().map(Index::inDefaultTablespace).toList(),
                i -> i.table() + " " + i.name(), i -> i.table() + " " + i.shape(),
                i -> GeneratedNames.isGenerated(Sql.unqualify(i.table()), i.name()));
        pairs.added.forEach(i -> changes.add(new TableChange.IndexAdded(i.table(), i.qualifiedName(), i.definition())));
        pairs.dropped.forEach(i -> changes.add(new TableChange.IndexDropped(i.table(), i.qualifiedName(), i.definition())));
        pairs.changed.forEach(p -> changes.add(new TableChange.IndexChanged(p.from().table(), p.from().qualifiedName(),
                p.from().definition(), p.to().definition())));
        // an index left invalid matches nothing: PostgreSQL neither uses nor maintains it
        pairs.same.stream().filter(p -> p.from().invalid() != p.to().invalid()).forEach(p -> changes.add(
                new TableChange.IndexChanged(p.from().table(), p.from().qualifiedName(), validity(p.from()),
                        validity(p.to()))));
        pairs.same.stream().filter(p -> !Objects.equals(p.from().attachedTo(), p.to().attachedTo())).forEach(p -> changes
                .add(new TableChange.IndexChanged(p.from().table(), p.from().qualifiedName(), p.from().attachment(),
                        p.to().attachment())));
        for (Pairing.Pair<Index> p : concat(pairs.same, pairs.changed)) {
            comment("INDEX", p.to().qualifiedName(), p.to().table(), p.from().comment(), p.to().comment());
        }
    }

    private void compareReplicaIdentities(Snapshot from, Snapshot to) {
        for (Table b : to.tables()) {
            from.table(b.qualifiedName()).filter(a -> !Objects.equals(a.replicaIdentity(), b.replicaIdentity()))
                    .ifPresent(a -> changes.add(new TableChange.ReplicaIdentityChanged(b.qualifiedName(),
                            replicaIdentity(a), replicaIdentity(b))));
        }
    }

    /**
     * Partition trigger copies enabled otherwise than their parent's, on either side; the copies that follow their
     * parent on both sides change with the parent's trigger, which is compared above.
     */
    private void comparePartitionTriggerStates(Snapshot from, Snapshot to) {
        for (Table b : to.tables()) {
            Optional<Table> a = from.table(b.qualifiedName());
            Set<String> names = new TreeSet<>(b.triggerStates().keySet());
            a.ifPresent(t -> names.addAll(t.triggerStates().keySet()));
            for (String name : names) {
                String was = a.isPresent() ? PartitionTriggers.state(from, b.qualifiedName(), name) : null;
                String will = PartitionTriggers.state(to, b.qualifiedName(), name);
                if (will != null && !will.equals(was)) {
                    changes.add(new TableChange.PartitionTriggerStateChanged(b.qualifiedName(), Sql.ident(name),
                            PartitionTriggers.clause(was), PartitionTriggers.clause(will)));
                }
            }
        }
    }

    /** As ALTER TABLE ... REPLICA IDENTITY says it. */
    public static String replicaIdentity(Table t) {
        return t.replicaIdentity() == null ? "DEFAULT" : t.replicaIdentity();
    }

    private static String validity(Index i) {
        return i.definition() + (i.invalid() ? " (INVALID: not used, and a unique one enforces nothing)" : "");
    }

    void comment(String target, String object, String table, String from, String to) {
        addComment(changes, target, object, table, from, to);
    }

    static void addComment(List<Change> changes, String target, String object, String table, String from, String to) {
        if (!Objects.equals(from, to)) {
            changes.add(new ObjectChange.CommentChanged(target, object, table, from, to));
        }
    }

    static String domainDefinition(Domain d) {
        StringBuilder sb = new StringBuilder(d.baseType());
        if (d.collation() != null) {
            sb.append(" COLLATE ").append(d.collation());
        }
        if (d.defaultExpression() != null) {
            sb.append(" DEFAULT ").append(d.defaultExpression());
        }
        if (d.notNull()) {
            sb.append(" NOT NULL");
        }
        d.checks().forEach(c -> sb.append(" CONSTRAINT ").append(Sql.ident(c.name())).append(' ').append(c.definition()));
        return sb.toString();
    }

    /** True when the sequence's owning table exists in {@code side} but not in {@code other}. */
    private static boolean ownerTableIn(Sequence s, Snapshot side, Snapshot other) {
        String table = s.ownerTable();
        return table != null && side.table(table).isPresent() && other.table(table).isEmpty();
    }

    private static String ownedBy(Sequence s) {
        return s.ownedBy() == null ? "" : " OWNED BY " + s.ownedBy();
    }

    private static String triggerState(Trigger t) {
        return t.definition() + ("O".equals(t.enabled()) ? "" : " [enabled=" + t.enabled() + "]");
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Pairs objects by key and reports those on one side only, or hands both sides to compare. */
    static <T> void byKey(List<T> from, List<T> to, java.util.function.Function<T, String> key, Consumer<T> added,
                          Consumer<T> dropped, BiConsumer<T, T> both) {
        Map<String, T> left = new LinkedHashMap<>();
        from.forEach(t -> left.put(key.apply(t), t));
        Map<String, T> right = new LinkedHashMap<>();
        to.forEach(t -> right.put(key.apply(t), t));
        left.forEach((k, t) -> {
            T other = right.get(k);
            if (other == null) {
                dropped.accept(t);
            } else {
                both.accept(t, other);
            }
        });
        right.forEach((k, t) -> {
            if (!left.containsKey(k)) {
                added.accept(t);
            }
        });
    }
}
