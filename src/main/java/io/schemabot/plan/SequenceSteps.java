package io.schemabot.plan;

import io.schemabot.diff.ObjectChange;
import io.schemabot.diff.TableChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.plan.Hazard.Kind;
import io.schemabot.schema.Column;
import io.schemabot.schema.Sequence;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.sql.Sql;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sequences: created before the tables whose defaults call them (those of a new table's serial columns too, which
 * the diff folds into the table), given their OWNED BY once the columns exist, and dropped at the end.
 */
final class SequenceSteps {
    private final Planner planner;
    private final DiffResult diff;
    private final Snapshot from;
    private final Snapshot to;

    SequenceSteps(Planner planner, DiffResult diff, Snapshot from, Snapshot to) {
        this.planner = planner;
        this.diff = diff;
        this.from = from;
        this.to = to;
    }

    void create() {
        for (ObjectChange.SequenceAdded c : changes(ObjectChange.SequenceAdded.class)) {
            Sequence s = sequence(to, c.sequence());
            String givenUp = identityGivenUp(s);
            planner.step("create sequence " + c.sequence(), givenUp + Ddl.createSequence(s), List.of(c.sequence()),
                    givenUp.isEmpty() ? List.of() : planner.locks(List.of(s.ownerTable())));
            planner.remember("SEQUENCE", c.sequence(), s.comment());
        }
        // Sequences of serial columns on new tables: the diff folds them into the table.
        for (TableChange.TableAdded c : changes(TableChange.TableAdded.class)) {
            for (Sequence s : ownedSequences(to, c.table())) {
                if (from.sequences().stream().noneMatch(x -> x.qualifiedName().equals(s.qualifiedName()))) {
                    planner.step("create sequence " + s.qualifiedName() + " for " + c.table(), Ddl.createSequence(s),
                            s.qualifiedName());
                    planner.remember("SEQUENCE", s.qualifiedName(), s.comment());
                }
            }
        }
        for (ObjectChange.SequenceChanged c : changes(ObjectChange.SequenceChanged.class)) {
            SequenceRange.plan(planner, sequence(from, c.sequence()), sequence(to, c.sequence()));
        }
    }

    /**
     * A serial column that was an identity column: the identity's own sequence usually has the very name the new
     * one takes (table_column_seq), so the identity goes first (its ALTER TABLE below says IF EXISTS).
     */
    private String identityGivenUp(Sequence s) {
        if (s.ownedBy() == null) {
            return "";
        }
        for (Table t : from.tables()) {
            for (Column col : t.columns()) {
                String owner = t.qualifiedName() + "." + Sql.ident(col.name());
                if (owner.equals(s.ownedBy()) && col.identity() != null && to.table(t.qualifiedName())
                        .flatMap(k -> k.columns().stream().filter(x -> x.name().equals(col.name())).findFirst())
                        .map(x -> x.identity() == null).orElse(false)) {
                    return "ALTER TABLE " + t.qualifiedName() + " ALTER COLUMN " + Sql.ident(col.name()) + " DROP IDENTITY;\n";
                }
            }
        }
        return "";
    }

    private static List<Sequence> ownedSequences(Snapshot s, String table) {
        return s.sequences().stream().filter(q -> q.ownedBy() != null && q.ownedBy().startsWith(table + "."))
                .toList();
    }

    private static Sequence sequence(Snapshot s, String name) {
        return s.sequences().stream().filter(q -> q.qualifiedName().equals(name)).findFirst().orElseThrow();
    }

    /** Gives sequences their OWNED BY once their tables and columns exist. */
    void own() {
        for (TableChange.TableAdded c : changes(TableChange.TableAdded.class)) {
            ownedSequences(to, c.table()).forEach(this::attach);
        }
        for (ObjectChange.SequenceAdded c : changes(ObjectChange.SequenceAdded.class)) {
            Sequence s = sequence(to, c.sequence());
            if (s.ownedBy() != null) {
                attach(s);
            }
        }
        for (ObjectChange.SequenceChanged c : changes(ObjectChange.SequenceChanged.class)) {
            Sequence s = sequence(to, c.sequence());
            if (s.ownedBy() != null) {
                attach(s);
            }
        }
    }

    /**
     * OWNED BY needs the sequence and the table to have one owner: a production table belongs to the application's
     * role while the plan's runner creates the sequence, so the sequence goes to the table's owner first.
     */
    private void attach(Sequence s) {
        String owner = "(SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = " + Sql.literal(s.ownerTable())
                + "::regclass)";
        String sequence = Sql.literal(s.qualifiedName()) + "::regclass";
        planner.step("attach sequence " + s.qualifiedName() + " to " + s.ownedBy(),
                "DO " + Sql.dollarQuoted("DECLARE o name := " + owner + "; BEGIN IF o <> (SELECT"
                        + " pg_get_userbyid(relowner) FROM pg_class WHERE oid = " + sequence + ") THEN EXECUTE"
                        + " format('ALTER SEQUENCE %s OWNER TO %I', " + sequence + ", o); END IF; END") + ";\n"
                        + "ALTER SEQUENCE " + s.qualifiedName() + " OWNED BY " + s.ownedBy() + ";",
                s.qualifiedName());
    }


    /** Drops the sequences TO does not have, except those a dropped column took with it. */
    void drop() {
        Set<String> droppedColumns = changes(TableChange.ColumnDropped.class).stream().map(Change::object)
                .collect(Collectors.toSet());
        for (ObjectChange.SequenceDropped c : changes(ObjectChange.SequenceDropped.class)) {
            String owner = sequence(from, c.sequence()).ownedBy();
            if (owner != null && droppedColumns.contains(owner)) {
                continue; // DROP COLUMN already dropped the sequence it owned
            }
            planner.step("drop sequence " + c.sequence(), "DROP SEQUENCE " + c.sequence() + ";", c.sequence(),
                    new Hazard(Kind.DATA_LOSS, c.sequence(), "the sequence's current value is lost"));
        }
    }

    private <T extends Change> List<T> changes(Class<T> kind) {
        return diff.changes().stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
