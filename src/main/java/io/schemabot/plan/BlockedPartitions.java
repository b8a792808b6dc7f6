package io.schemabot.plan;

import io.schemabot.diff.TableChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.plan.Hazard.Kind;
import io.schemabot.schema.Constraint;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps a plan that cannot change a table's partitioning (PostgreSQL cannot turn a plain table into a partitioned
 * one, or change a partition key: BLOCKING) from running SQL that needs the change: the partitions TO puts under
 * such a table are neither created nor attached, and one step names them for the person who converts it by hand.
 * The plan then runs as far as it can, and the diff afterwards shows what is left.
 */
final class BlockedPartitions {
    private final DiffResult diff;
    private final Snapshot to;
    /** TO's tables under a blocked table that this plan leaves out: new ones, and existing ones it would attach. */
    private final List<Table> leftOut;
    private final Set<String> blockedParents;

    private BlockedPartitions(DiffResult diff, Snapshot to, List<Table> leftOut, Set<String> blockedParents) {
        this.diff = diff;
        this.to = to;
        this.leftOut = leftOut;
        this.blockedParents = blockedParents;
    }

    /** The diff and TO without what hangs on a blocked partitioning change; both unchanged when there is none. */
    static BlockedPartitions between(DiffResult diff, Snapshot from, Snapshot to) {
        Set<String> blocked = new LinkedHashSet<>();
        diff.changes().stream().filter(c -> c instanceof TableChange.TableChanged t && t.property().equals("partition key")
                && from.table(t.table()).isPresent()).forEach(c -> blocked.add(c.table()));
        if (blocked.isEmpty()) {
            return new BlockedPartitions(diff, to, List.of(), blocked);
        }
        Set<String> under = new LinkedHashSet<>(blocked);
        List<Table> leftOut = new ArrayList<>();
        for (boolean grew = true; grew; ) {
            grew = false;
            for (Table t : to.tables()) {
                if (t.partitionOf() != null && under.contains(t.partitionOf()) && !under.contains(t.qualifiedName())
                        && !keepsItsPlace(from, t)) {
                    under.add(t.qualifiedName());
                    leftOut.add(t);
                    grew = true;
                }
            }
        }
        Snapshot narrowed = to;
        Set<String> created = new LinkedHashSet<>();
        for (Table t : leftOut) {
            Table before = from.table(t.qualifiedName()).orElse(null);
            if (before == null) {
                created.add(t.qualifiedName());
                narrowed = narrowed.withoutTable(t.qualifiedName());
            } else {
                narrowed = withPartitioningOf(narrowed, before);
            }
        }
        Snapshot target = narrowed;
        List<Change> kept = diff.changes().stream().filter(c -> !(created.contains(c.table())
                || c instanceof TableChange.TableChanged t && t.property().equals("partition of")
                && leftOut.stream().anyMatch(x -> x.qualifiedName().equals(t.table()))
                || referencesLeftOut(to, c, created))).toList();
        return new BlockedPartitions(new DiffResult(diff.fromFingerprint(), diff.toFingerprint(), kept,
                diff.incompatibilities(), diff.cosmetic()), target, List.copyOf(leftOut), blocked);
    }

    DiffResult diff() {
        return diff;
    }

    Snapshot to() {
        return to;
    }

    /** One step without SQL to run, naming each partition left out and what it waits for. */
    void note(Planner planner) {
        if (leftOut.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder(Sql.comment("BLOCKED: after converting " + String.join(", ",
                blockedParents) + " by hand (see its hazard), run:"));
        List<Hazard> hazards = new ArrayList<>();
        List<String> objects = new ArrayList<>();
        for (Table t : leftOut) {
            boolean exists = planner.from().table(t.qualifiedName()).isPresent();
            String statement = exists ? "ALTER TABLE " + t.partitionOf() + " ATTACH PARTITION " + t.qualifiedName()
                    + " " + t.partitionBound() + ";" : Ddl.createTable(t);
            statement.lines().forEach(line -> sql.append('\n').append(Sql.comment("  " + line)));
            objects.add(t.qualifiedName());
            hazards.add(new Hazard(Kind.BLOCKING, t.qualifiedName(), t.qualifiedName() + " is to be a partition of "
                    + t.partitionOf() + ", which this plan cannot partition: it is not " + (exists ? "attached"
                    : "created, nor are its indexes, keys and comments") + "; do it by hand after the conversion,"
                    + " then compare again"));
        }
        planner.step("partitions that wait for " + String.join(", ", blockedParents), sql.toString(), objects,
                hazards);
    }

    /** A table TO has under a blocked table exactly where FROM has it: no statement of this plan moves it. */
    private static boolean keepsItsPlace(Snapshot from, Table t) {
        return from.table(t.qualifiedName()).map(b -> Objects.equals(b.partitionOf(), t.partitionOf())
                && Objects.equals(b.partitionBound(), t.partitionBound())).orElse(false);
    }

    /** A foreign key TO adds elsewhere that references a partition left out: it could not be added either. */
    private static boolean referencesLeftOut(Snapshot to, Change c, Set<String> created) {
        if (!(c instanceof TableChange.ConstraintAdded a) || !a.type().equals("FOREIGN_KEY")) {
            return false;
        }
        return to.table(a.table()).flatMap(t -> t.constraints().stream()
                        .filter(k -> Sql.ident(k.name()).equals(a.constraint())).findFirst())
                .map(Constraint::refTable).map(created::contains).orElse(false);
    }

    /** The snapshot with this existing table placed as FROM has it, instead of attached to a blocked table. */
    private static Snapshot withPartitioningOf(Snapshot s, Table before) {
        List<Table> tables = s.tables().stream().map(t -> !t.qualifiedName().equals(before.qualifiedName()) ? t
                : new Table(t.schema(), t.name(), t.partitioned(), t.unlogged(), t.partitionKey(), before.partitionOf(),
                before.partitionBound(), t.inherits(), t.columns(), t.constraints(), t.comment(), t.rowSecurity(),
                t.forceRowSecurity(), t.options(), t.accessMethod(), t.tablespace(), t.replicaIdentity(),
                t.triggerStates(), t.stats())).toList();
        return s.withTables(tables);
    }
}
