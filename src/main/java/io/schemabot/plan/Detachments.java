package io.schemabot.plan;

import io.schemabot.diff.TableChange;
import io.schemabot.diff.DiffResult;
import io.schemabot.plan.Hazard.Kind;
import io.schemabot.schema.Constraint;
import io.schemabot.schema.GeneratedNames;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Children leave their parents before any table is created or altered: NO INHERIT and DETACH PARTITION first, so a
 * parent's ALTER does not reach (and drop columns of) a leaving child, and re-cut partition bounds never overlap
 * while partitions are created, re-attached or dropped.
 */
final class Detachments {
    private final Planner planner;
    private final DiffResult diff;
    private final Snapshot from;
    private final Snapshot to;

    Detachments(Planner planner, DiffResult diff, Snapshot from, Snapshot to) {
        this.planner = planner;
        this.diff = diff;
        this.from = from;
        this.to = to;
    }

    /**
     * DETACH PARTITION refuses while a foreign key references the parent and rows of the partition are referenced:
     * the rows would be orphaned. Named before anyone approves, instead of only by PostgreSQL's error.
     */
    private List<Hazard> referencedRows(Table partition) {
        List<Hazard> hazards = new ArrayList<>();
        for (Table t : from.tables()) {
            for (Constraint fk : t.foreignKeys()) {
                if (partition.partitionOf().equals(fk.refTable())) {
                    hazards.add(planner.lock(t.qualifiedName())); // its key's clone on the partition goes
                    hazards.add(new Hazard(Hazard.Kind.FAILS_ON_DATA, partition.qualifiedName(), "detaching fails if"
                            + " rows of " + partition.qualifiedName() + " are referenced by foreign key " + fk.name()
                            + " of " + t.qualifiedName() + " (drop the key, change the partition, add the key again)"));
                }
            }
        }
        return hazards;
    }

    void plan() {
        PartitionKeys keys = new PartitionKeys(diff, from);
        Set<String> dropped = new LinkedHashSet<>();
        diff.changes().stream().filter(c -> c instanceof TableChange.TableDropped).forEach(c -> dropped.add(c.table()));
        for (Table before : from.tables()) {
            String name = before.qualifiedName();
            Table after = to.table(name).orElse(null);
            if (after == null) {
                if (before.partitionOf() != null && !dropped.contains(before.partitionOf())
                        && receivesPartitions(before.partitionOf())) {
                    planner.step("detach " + name + " from " + before.partitionOf() + " (dropped below)",
                            detach(before), List.of(name), List.of(planner.lock(before.partitionOf())));
                }
                continue;
            }
            for (String parent : before.inherits()) {
                if (!after.inherits().contains(parent)) {
                    planner.step("stop " + name + " inheriting from " + parent, "ALTER TABLE " + name
                            + " NO INHERIT " + parent + ";" + checksLeftBehind(before, after, parent), name,
                            planner.lock(name));
                }
            }
            if (before.partitionOf() != null && leaves(before, after) && !keys.underBlockedKey(name)) {
                List<Hazard> hazards = new ArrayList<>(List.of(planner.lock(before.partitionOf())));
                hazards.addAll(referencedRows(before));
                StringBuilder sql = new StringBuilder(detach(before));
                if (after.partitionOf() == null) {
                    leftBehind(before, after, sql, hazards);
                    sql.append(indexesLeftBehind(before));
                }
                planner.step("detach " + name + " from " + before.partitionOf(), sql.toString(), List.of(name), hazards);
            }
        }
    }

    /**
     * Whether the table keeps this constraint when it is detached: a partition holds its own copy of each key,
     * check and foreign key of its parents (checks and foreign keys under the parent's name, keys under a name
     * PostgreSQL chose, which the diff matches by definition).
     */
    static boolean keeps(Snapshot from, Snapshot to, String table, Constraint wanted) {
        Table before = from.table(table).orElse(null);
        Table after = to.table(table).orElse(null);
        if (before == null || after == null || before.partitionOf() == null || after.partitionOf() != null) {
            return false;
        }
        return inheritedFromParents(from, before).stream().anyMatch(k -> same(k, wanted)
                && (isKey(k) ? GeneratedNames.isGenerated(after.name(), wanted.name()) : k.name().equals(wanted.name())));
    }

    /** Checks and foreign keys the detached table keeps but TO does not want; keys can only be named by hand. */
    private void leftBehind(Table before, Table after, StringBuilder sql, List<Hazard> hazards) {
        for (Constraint k : inheritedFromParents(from, before)) {
            if (after.constraints().stream().anyMatch(w -> same(k, w)) || goneWithParent(before, k)) {
                continue;
            }
            if (isKey(k)) {
                hazards.add(new Hazard(Kind.BLOCKING, after.qualifiedName(), "once detached, " + after.qualifiedName()
                        + " keeps its copy of " + k.definition() + " under a name PostgreSQL chose; after the plan,"
                        + " look it up in pg_constraint and drop it by that name"));
            } else {
                sql.append("\nALTER TABLE ").append(after.qualifiedName()).append(" DROP CONSTRAINT ")
                        .append(Sql.ident(k.name())).append(';');
            }
        }
    }

    /**
     * Whether an earlier step dropped the parent's constraint (as not expected, changed, or with the foreign keys
     * dropped and added again around a change), which took the partition's copy along before the detach.
     */
    private boolean goneWithParent(Table partition, Constraint k) {
        String name = Sql.ident(k.name());
        for (String parent = partition.partitionOf(); parent != null;
             parent = from.table(parent).map(Table::partitionOf).orElse(null)) {
            if (planner.log().did(StepLog.Effect.DROPPED, parent + "." + name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * NO INHERIT leaves the child a local copy of each CHECK it had from that parent (and the parent's own
     * ancestors); those TO does not want are dropped, unless a parent the child keeps still hands them down.
     */
    private String checksLeftBehind(Table before, Table after, String parent) {
        List<Constraint> kept = new ArrayList<>();
        before.inherits().stream().filter(p -> !p.equals(parent)).forEach(p -> kept.addAll(checksFrom(p)));
        StringBuilder sql = new StringBuilder();
        Set<String> dropped = new LinkedHashSet<>();
        for (Constraint k : checksFrom(parent)) {
            boolean own = before.constraints().stream().anyMatch(c -> c.name().equals(k.name()));
            boolean wanted = after.constraints().stream().anyMatch(c -> c.name().equals(k.name()) && same(c, k));
            boolean stillInherited = kept.stream().anyMatch(c -> c.name().equals(k.name()));
            if (!own && !wanted && !stillInherited && dropped.add(k.name())) {
                sql.append('\n').append(Ddl.dropConstraint(after.qualifiedName(), Sql.ident(k.name())));
            }
        }
        return sql.toString();
    }

    /** The inheritable CHECKs a child has from this table: its own and those it has from its own parents. */
    private List<Constraint> checksFrom(String table) {
        Table t = from.table(table).orElse(null);
        if (t == null) {
            return List.of();
        }
        List<Constraint> found = new ArrayList<>(t.constraints().stream()
                .filter(k -> k.type() == Constraint.Type.CHECK && !k.definition().contains("NO INHERIT")).toList());
        t.inherits().forEach(p -> found.addAll(checksFrom(p)));
        return found;
    }

    /**
     * A detached partition keeps its copies of its parents' indexes as indexes of its own, under names PostgreSQL
     * chose; the snapshot never listed them. They are dropped (those behind a constraint are the keys
     * {@link #leftBehind} reports), so the table ends with exactly the indexes TO gives it, which are created later.
     */
    private String indexesLeftBehind(Table before) {
        String own = from.indexes().stream().filter(i -> i.table().equals(before.qualifiedName()) && i.attachedTo() == null)
                .map(i -> Sql.literal(i.name())).collect(java.util.stream.Collectors.joining(", "));
        return "\nDO " + Sql.dollarQuoted("DECLARE i regclass; BEGIN FOR i IN SELECT x.indexrelid::regclass"
                + " FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid WHERE x.indrelid = "
                + Sql.literal(before.qualifiedName()) + "::regclass AND c.relname::text <> ALL (ARRAY[" + own + "]::text[])"
                + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid"
                + " AND k.conrelid = x.indrelid) LOOP EXECUTE 'DROP INDEX ' || i; END LOOP; END") + ";";
    }

    private static List<Constraint> inheritedFromParents(Snapshot from, Table partition) {
        List<Constraint> found = new ArrayList<>();
        String parent = partition.partitionOf();
        while (parent != null) {
            Table p = from.table(parent).orElse(null);
            if (p == null) {
                break;
            }
            p.constraints().stream().filter(k -> !k.definition().contains("NO INHERIT")).forEach(found::add);
            parent = p.partitionOf();
        }
        return found;
    }

    private static boolean same(Constraint a, Constraint b) {
        return a.type() == b.type() && a.definition().equals(b.definition());
    }

    private static boolean isKey(Constraint k) {
        return k.type() == Constraint.Type.PRIMARY_KEY || k.type() == Constraint.Type.UNIQUE
                || k.type() == Constraint.Type.EXCLUSION;
    }

    /** Whether the partition leaves its parent or changes its bound (then it is attached again with the new one). */
    private static boolean leaves(Table before, Table after) {
        return !Objects.equals(before.partitionOf(), after.partitionOf())
                || !Objects.equals(before.partitionBound(), after.partitionBound());
    }

    /** Whether the plan creates a partition of this table or attaches one to it. */
    private boolean receivesPartitions(String parent) {
        return to.tables().stream().anyMatch(t -> parent.equals(t.partitionOf()) && from.table(t.qualifiedName())
                .map(b -> leaves(b, t)).orElse(true));
    }

    private static String detach(Table partition) {
        return "ALTER TABLE " + partition.partitionOf() + " DETACH PARTITION " + partition.qualifiedName() + ";";
    }
}
