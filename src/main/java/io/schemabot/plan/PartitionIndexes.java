package io.schemabot.plan;

import io.schemabot.diff.TableChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.plan.Hazard.Kind;
import io.schemabot.schema.Constraint;
import io.schemabot.schema.GeneratedNames;
import io.schemabot.schema.Index;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Ties a partitioned table's index to its partitions' indexes by name: the parent index is created ON ONLY the
 * parent and each partition's index attached (an existing one kept instead of dropped, a missing one built), where a
 * plain CREATE INDEX would drop nothing the plan drops and clone new ones under names PostgreSQL picks.
 */
final class PartitionIndexes {
    private final Planner planner;
    private final DiffResult diff;
    private final Snapshot from;
    private final Snapshot to;
    /** TO's parent indexes this class creates (or repairs) and attaches partition indexes to, by name. */
    private final Map<String, Index> parents = new LinkedHashMap<>();
    /** Of those, the ones FROM has that are dropped first (their definition or an attached index changes). */
    private final Set<String> rebuilt = new LinkedHashSet<>();
    /** Changes whose usual step (drop, create) this class makes instead, or which need none. */
    private final Set<Change> replaced = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Per parent index: statements attaching (and if need be building) each partition's index. */
    private final Map<String, List<String>> attachments = new LinkedHashMap<>();
    /** Per parent index: the partition indexes its step answers for. */
    private final Map<String, Set<String>> attached = new LinkedHashMap<>();
    /** FROM's indexes this class drops itself: standalone ones TO wants changed and attached. */
    private final List<Index> ownDrops = new ArrayList<>();
    private final Set<String> reused = new LinkedHashSet<>();
    /** Indexes FROM has attached to a parent that goes, which TO has on their own: built again after it. */
    private final List<Index> onItsOwn = new ArrayList<>();
    /** FROM's parent indexes that go while partitions' keys hang on them (see {@link #dropParent}). */
    private final List<Index> droppedParents = new ArrayList<>();
    /** TO's keys of partitioned tables added ON ONLY the parent, with each partition's own key attached. */
    private final Map<TableChange.ConstraintAdded, Map<String, TableChange.ConstraintDropped>> keys = new LinkedHashMap<>();

    PartitionIndexes(Planner planner, DiffResult diff, Snapshot from, Snapshot to) {
        this.planner = planner;
        this.diff = diff;
        this.from = from;
        this.to = to;
        for (Change c : diff.changes()) {
            if (c instanceof TableChange.IndexAdded || c instanceof TableChange.IndexChanged) {
                Index wanted = index(to, c.object()).orElse(null);
                Index was = index(from, c.object()).orElse(null);
                if (wanted != null && partitioned(wanted.table())) {
                    consider(c, wanted, was);
                }
                if (wanted != null && wanted.attachedTo() != null && index(from, wanted.attachedTo()).isPresent()
                        && (was == null || !Objects.equals(was.attachedTo(), wanted.attachedTo()))) {
                    rebuild(wanted.attachedTo()); // only a rebuilt parent lets go of the index it has now
                }
                if (was != null && was.attachedTo() != null && !was.attachedTo().equals(wanted == null ? null
                        : wanted.attachedTo()) && index(to, was.attachedTo()).isPresent()) {
                    rebuild(was.attachedTo());
                }
                if (was != null && wanted != null && !Objects.equals(was.attachedTo(), wanted.attachedTo())) {
                    replaced.add(c); // DROP INDEX refuses an attached index; it goes with its parent
                    if (wanted.attachedTo() == null) {
                        onItsOwn.add(wanted);
                    }
                }
            } else if (c instanceof TableChange.ConstraintAdded a && (a.type().equals("PRIMARY_KEY")
                    || a.type().equals("UNIQUE")) && partitioned(a.table()) && from.table(a.table()).isPresent()) {
                partitionKeys(a);
            } else if (c instanceof TableChange.IndexDropped d && index(from, d.object()).isPresent()) {
                Index was = index(from, d.object()).orElseThrow();
                if (was.attachedTo() == null && from.table(was.table()).map(Table::partitioned).orElse(false)
                        && keysBelow(was)) {
                    replaced.add(c);
                    droppedParents.add(was);
                } else if (was.attachedTo() != null) {
                    replaced.add(c); // it goes with its parent, or stays attached as a clone TO does not list
                    if (!GeneratedNames.isGenerated(Sql.unqualify(was.table()), was.name())
                            && index(to, was.attachedTo()).isPresent()) {
                        rebuild(was.attachedTo());
                    }
                }
            }
        }
        for (Index parent : parents.values()) {
            resolve(parent);
        }
    }

    /** Whether the planner's usual step for this change is left out: this class makes it (or none is needed). */
    boolean replaces(Change c) {
        return replaced.contains(c);
    }

    /** The partitions' own keys like the parent's new one that the diff drops: attached to it instead. */
    private void partitionKeys(TableChange.ConstraintAdded added) {
        Map<String, TableChange.ConstraintDropped> found = new LinkedHashMap<>();
        for (String partition : partitionsOf(added.table())) {
            diff.changes().stream().filter(c -> c instanceof TableChange.ConstraintDropped d && d.table().equals(partition)
                            && d.type().equals(added.type()) && d.definition().equals(added.definition())).findFirst()
                    .ifPresent(c -> found.put(partition, (TableChange.ConstraintDropped) c));
        }
        if (!found.isEmpty()) {
            keys.put(added, found);
            replaced.add(added);
            replaced.addAll(found.values());
        }
    }

    /** After the planner's own keys: each parent's key ON ONLY the parent, then its partitions' keys attached. */
    void attachKeys() {
        for (Map.Entry<TableChange.ConstraintAdded, Map<String, TableChange.ConstraintDropped>> e : keys.entrySet()) {
            TableChange.ConstraintAdded added = e.getKey();
            Table parent = to.table(added.table()).orElseThrow();
            Constraint k = KeyAndIndexSteps.constraint(to, added.table(), added.constraint());
            String parentIndex = Sql.qualified(parent.schema(), k.name());
            List<String> sql = new ArrayList<>(List.of(Ddl.addConstraint("ONLY " + added.table(), k)));
            List<Hazard> hazards = new ArrayList<>(planner.locks(List.of(added.table())));
            List<String> objects = new ArrayList<>(List.of(added.object()));
            for (String partition : partitionsOf(added.table())) {
                TableChange.ConstraintDropped own = e.getValue().get(partition);
                if (own != null) {
                    objects.add(own.object());
                    sql.add(attach(parentIndex, Sql.qualified(to.table(partition).orElseThrow().schema(),
                            Sql.unqualify(own.constraint()))));
                } else {
                    hazards.addAll(planner.locks(List.of(partition)));
                    hazards.add(new Hazard(Kind.FAILS_ON_DATA, partition, "fails if existing rows violate "
                            + k.definition()));
                    hazards.add(new Hazard(Kind.INDEX_BUILD, partition, "builds an index on " + partition));
                    sql.add(buildAndAttach(parentIndex, partition, "ALTER TABLE " + partition + " ADD "
                            + k.definition()));
                }
            }
            planner.step("add constraint " + added.constraint() + " on " + added.table()
                    + " on its own and attach its partitions' keys", String.join("\n", sql), objects, hazards);
            planner.remember("CONSTRAINT", added.constraint() + " ON " + added.table(), k.comment());
        }
    }

    private boolean keysBelow(Index parent) {
        return planner.descendants(parent.table()).stream().map(from::table).flatMap(Optional::stream)
                .anyMatch(t -> t.constraints().stream().anyMatch(PartitionIndexes::isKey));
    }

    private void consider(Change c, Index wanted, Index was) {
        boolean repair = was != null && was.invalid() && !wanted.invalid()
                && was.inDefaultTablespace().definition().equals(wanted.inDefaultTablespace().definition());
        boolean namedByHand = to.indexes().stream().anyMatch(i -> wanted.qualifiedName().equals(i.attachedTo()));
        boolean reusable = partitionsOf(wanted.table()).stream().anyMatch(p -> candidate(wanted, p).isPresent());
        // TO's parent index still invalid: only the partitions TO attaches get an index, so no plain CREATE INDEX
        if (repair || namedByHand || reusable || wanted.invalid()) {
            parents.put(wanted.qualifiedName(), wanted);
            replaced.add(c);
            if (was != null && !repair) {
                rebuilt.add(wanted.qualifiedName());
            }
        }
    }

    private void rebuild(String parentName) {
        Index wanted = index(to, parentName).orElse(null);
        if (wanted == null || !partitioned(wanted.table())) {
            return;
        }
        parents.put(parentName, wanted);
        rebuilt.add(parentName);
        diff.changes().stream().filter(c -> c.object().equals(parentName)).forEach(replaced::add);
    }

    /** Decides, partition by partition, which index backs the parent and how it gets there. */
    private void resolve(Index parent) {
        List<String> sql = new ArrayList<>();
        Set<String> objects = attached.computeIfAbsent(parent.qualifiedName(), k -> new LinkedHashSet<>());
        from.indexes().stream().filter(i -> parent.qualifiedName().equals(i.attachedTo()))
                .forEach(i -> objects.add(i.qualifiedName()));
        boolean dropped = rebuilt.contains(parent.qualifiedName());
        for (String partition : partitionsOf(parent.table())) {
            Index wanted = to.indexes().stream().filter(i -> i.table().equals(partition)
                    && parent.qualifiedName().equals(i.attachedTo())).findFirst().orElse(null);
            Index attachedNow = dropped ? null : from.indexes().stream().filter(i -> i.table().equals(partition)
                    && parent.qualifiedName().equals(i.attachedTo())).findFirst().orElse(null);
            if (wanted == null && (attachedNow != null || parent.invalid())) {
                continue; // attached already, or left out as TO leaves it
            }
            if (wanted != null) {
                Index was = index(from, wanted.qualifiedName()).orElse(null);
                objects.add(wanted.qualifiedName());
                diff.changes().stream().filter(c -> c.object().equals(wanted.qualifiedName())).forEach(replaced::add);
                if (was != null && parent.qualifiedName().equals(was.attachedTo()) && !dropped) {
                    continue;
                }
                boolean standaloneAsWanted = was != null && was.attachedTo() == null
                        && was.inDefaultTablespace().shape().equals(wanted.inDefaultTablespace().shape());
                if (!standaloneAsWanted) {
                    if (was != null && was.attachedTo() == null) {
                        ownDrops.add(was);
                    }
                    sql.add(Ddl.statement(wanted.creation()));
                }
                sql.add(attach(parent.qualifiedName(), wanted.qualifiedName()));
                continue;
            }
            Optional<Index> candidate = candidate(parent, partition);
            if (candidate.isPresent()) {
                reused.add(candidate.get().qualifiedName());
                objects.add(candidate.get().qualifiedName());
                diff.changes().stream().filter(c -> c instanceof TableChange.IndexDropped
                        && c.object().equals(candidate.get().qualifiedName())).forEach(replaced::add);
                sql.add(attach(parent.qualifiedName(), candidate.get().qualifiedName()));
            } else {
                sql.add(buildAndAttach(parent.qualifiedName(), partition, cloneWithoutName(parent, partition)));
            }
        }
        attachments.put(parent.qualifiedName(), sql);
    }

    /**
     * A standalone index of the partition that FROM has under a name PostgreSQL would give a clone, shaped as the
     * parent's clone there, and that the diff drops: attached, it is the clone TO has, without a build.
     */
    private Optional<Index> candidate(Index parent, String partition) {
        String shape = cloneShape(parent, partition);
        return from.indexes().stream().filter(i -> i.table().equals(partition) && i.attachedTo() == null
                        && !reused.contains(i.qualifiedName())
                        && GeneratedNames.isGenerated(Sql.unqualify(partition), i.name())
                        && i.inDefaultTablespace().shape().replaceFirst(" ON ONLY ", " ON ").equals(shape)
                        && diff.changes().stream().anyMatch(c -> c instanceof TableChange.IndexDropped
                        && c.object().equals(i.qualifiedName())))
                .findFirst();
    }

    /** At the phase that drops indexes: parents rebuilt and indexes this class replaces, before anything is built. */
    void drop() {
        for (String name : rebuilt) {
            Index was = index(from, name).orElseThrow();
            planner.step("drop index " + name + " (created again below, with its partitions' indexes attached)",
                    dropParent(was), List.of(name), List.of(planner.lock(was.table())));
        }
        for (Index was : droppedParents) {
            planner.step("drop index " + was.qualifiedName(), dropParent(was), List.of(was.qualifiedName()),
                    List.of(planner.lock(was.table()), new Hazard(Kind.INDEX_BUILD, was.qualifiedName(), "the keys of"
                            + " partitions built on its partition indexes are built again")));
        }
        for (Index i : ownDrops) {
            planner.step("drop index " + i.qualifiedName() + " (created again below and attached)",
                    "DROP INDEX " + i.qualifiedName() + ";", List.of(i.qualifiedName()), List.of(planner.lock(i.table())));
        }
    }

    /**
     * DROP INDEX of a parent index refuses while a partition's key (PRIMARY KEY, UNIQUE) is built on an index attached
     * to it, and the key refuses to go while its index is attached: both orders fail. The parent goes with CASCADE,
     * which takes those keys along, and the keys are added again as they were; a foreign key that references the
     * index or one of those keys would go too, so then the plan stops with a message instead.
     */
    private String dropParent(Index parent) {
        if (!keysBelow(parent)) {
            return "DROP INDEX " + parent.qualifiedName() + ";";
        }
        String x = Sql.literal(parent.qualifiedName()) + "::regclass";
        return "DO " + Sql.dollarQuoted("DECLARE k record; again text[] := '{}'; s text; BEGIN"
                + " IF EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid IN (SELECT relid FROM"
                + " pg_partition_tree(" + x + "))) THEN RAISE EXCEPTION 'a foreign key references % or a key built on"
                + " one of its partition indexes; drop it first, then plan again', " + x + "; END IF;"
                + " FOR k IN SELECT c.oid, c.conindid, format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass,"
                + " c.conname, pg_get_constraintdef(c.oid)) AS sql FROM pg_partition_tree(" + x + ") t"
                + " JOIN pg_index i ON i.indexrelid = t.relid JOIN pg_constraint c ON c.conindid = i.indexrelid"
                + " AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x') WHERE t.relid <> " + x
                + " AND c.conparentid = 0 LOOP again := again || k.sql; END LOOP;"
                + " EXECUTE 'DROP INDEX ' || " + x + "::text || CASE WHEN cardinality(again) > 0 THEN ' CASCADE'"
                + " ELSE '' END; FOREACH s IN ARRAY again LOOP EXECUTE s; END LOOP; END") + ";";
    }

    /** After the planner's own indexes: each parent ON ONLY, then its partitions' indexes attached. */
    void attach() {
        for (Index i : onItsOwn) {
            planner.step("create index " + i.qualifiedName() + " (it went with " + index(from, i.qualifiedName())
                            .map(Index::attachedTo).orElse("its parent index") + ")", Ddl.statement(i.creation()),
                    List.of(i.qualifiedName()), List.of(new Hazard(Kind.INDEX_BUILD, i.qualifiedName(), "builds the"
                            + " index while writes to " + i.table() + planner.size(i.table()) + " wait")));
        }
        for (Index parent : parents.values()) {
            boolean create = index(from, parent.qualifiedName()).isEmpty() || rebuilt.contains(parent.qualifiedName());
            List<String> sql = new ArrayList<>();
            if (create) {
                sql.add(Ddl.statement(parent.definition()));
            }
            sql.addAll(attachments.get(parent.qualifiedName()));
            List<Hazard> hazards = new ArrayList<>(planner.locks(List.of(parent.table())));
            if (sql.stream().anyMatch(s -> s.startsWith("DO ") || s.startsWith("CREATE "))) {
                hazards.add(new Hazard(Kind.INDEX_BUILD, parent.qualifiedName(), "builds the index of each partition"
                        + " that has none to attach while writes to it wait"));
                if (parent.unique()) {
                    hazards.add(new Hazard(Kind.FAILS_ON_DATA, parent.qualifiedName(),
                            "fails if existing rows are not unique"));
                }
            }
            List<String> objects = new ArrayList<>(List.of(parent.qualifiedName()));
            attached.get(parent.qualifiedName()).stream().filter(o -> !objects.contains(o)).forEach(objects::add);
            planner.step((create ? "create index " : "complete index ") + parent.qualifiedName()
                    + " on its own and attach its partitions' indexes", String.join("\n", sql), objects, hazards);
            if (create) {
                planner.remember("INDEX", parent.qualifiedName(), parent.comment());
            }
        }
    }

    /**
     * Listed partition indexes the diff drops that no step of this class names: they go with their parent index (or
     * their table), or stay attached where TO lists them no longer (their parent became valid). Said, not run.
     */
    void answerForTheRest(List<Step> planned) {
        Set<String> covered = new LinkedHashSet<>();
        planned.forEach(st -> covered.addAll(st.objects()));
        List<String> rest = replaced.stream().filter(c -> c instanceof TableChange.IndexDropped)
                .map(Change::object).filter(o -> !covered.contains(o)).toList();
        if (!rest.isEmpty()) {
            planner.step("partition indexes that go with their parent index or stay attached to it",
                    Sql.comment("nothing to run: " + String.join(", ", rest)), rest, List.of());
        }
    }

    static String attach(String parentIndex, String partitionIndex) {
        return "ALTER INDEX " + parentIndex + " ATTACH PARTITION " + partitionIndex + ";";
    }

    /**
     * Runs a CREATE (INDEX, or ALTER TABLE ADD of a key) that lets PostgreSQL name the index, as it names clones,
     * then attaches the index it made: a name chosen here could clash with a clone the snapshot does not list.
     */
    static String buildAndAttach(String parentIndex, String table, String create) {
        String t = Sql.literal(table) + "::regclass";
        return "DO " + Sql.dollarQuoted("DECLARE had oid[] := ARRAY(SELECT indexrelid FROM pg_index WHERE indrelid = "
                + t + "); made regclass; BEGIN EXECUTE " + Sql.literal(create) + "; SELECT indexrelid::regclass INTO"
                + " made FROM pg_index WHERE indrelid = " + t + " AND indexrelid <> ALL (had); EXECUTE format("
                + "'ALTER INDEX %s ATTACH PARTITION %s', " + Sql.literal(parentIndex) + "::regclass, made); END") + ";";
    }

    /** The parent's CREATE INDEX for one partition, without a name. */
    private static String cloneWithoutName(Index parent, String partition) {
        return parent.definition().replaceFirst(" INDEX " + Pattern.quote(Sql.ident(parent.name())) + " ON (ONLY )?"
                + Pattern.quote(parent.table()) + " ", " INDEX ON " + java.util.regex.Matcher.quoteReplacement(partition)
                + " ");
    }

    /** The shape ({@link Index#shape()}) a clone of the parent index has on the partition. */
    private static String cloneShape(Index parent, String partition) {
        return parent.inDefaultTablespace().shape().replaceFirst(" ON (ONLY )?" + Pattern.quote(parent.table()) + " ",
                " ON " + java.util.regex.Matcher.quoteReplacement(partition) + " ");
    }

    /** TO's partitions of the table, directly below it. */
    private List<String> partitionsOf(String table) {
        return to.tables().stream().filter(t -> table.equals(t.partitionOf())).map(Table::qualifiedName).toList();
    }

    /** Partitioned in TO, and already in FROM if it exists there (a table this plan cannot partition is left out). */
    private boolean partitioned(String table) {
        return to.table(table).map(Table::partitioned).orElse(false)
                && from.table(table).map(Table::partitioned).orElse(true);
    }

    static boolean isKey(Constraint k) {
        return k.type() == Constraint.Type.PRIMARY_KEY || k.type() == Constraint.Type.UNIQUE
                || k.type() == Constraint.Type.EXCLUSION;
    }

    private static Optional<Index> index(Snapshot s, String qualifiedName) {
        return s.indexes().stream().filter(i -> i.qualifiedName().equals(qualifiedName)).findFirst();
    }
}
