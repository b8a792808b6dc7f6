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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The foreign keys a plan adds, or recreates after the changes that made it drop them: where each is checked
 * (inside the transaction, or NOT VALID there and validated after COMMIT), what it locks and what may fail.
 */
final class ForeignKeySteps {
    private final Planner planner;
    private final DiffResult diff;
    private final Snapshot from;
    private final Snapshot to;
    private final Dependents dependents;

    ForeignKeySteps(Planner planner, DiffResult diff, Snapshot from, Snapshot to, Dependents dependents) {
        this.planner = planner;
        this.diff = diff;
        this.from = from;
        this.to = to;
        this.dependents = dependents;
    }

    void plan() {
        Map<String, Constraint> toAdd = new TreeMap<>();
        Map<String, String> tableOf = new TreeMap<>();
        Set<String> recreated = new LinkedHashSet<>();
        for (Dependents.ForeignKey fk : dependents.foreignKeys().values()) {
            if (fk.to() != null) {
                String key = fk.table() + "." + Sql.ident(fk.to().name());
                toAdd.put(key, fk.to());
                tableOf.put(key, fk.table());
                // one whose triggers were off may have let orphans in: it is checked as a new one is
                if (fk.to().definition().equals(fk.from().definition()) && !fk.from().triggersDisabled()) {
                    recreated.add(key);
                }
            }
        }
        for (TableChange.ConstraintAdded a : changes(TableChange.ConstraintAdded.class)) {
            if (a.type().equals("FOREIGN_KEY")) {
                toAdd.put(a.object(), KeyAndIndexSteps.constraint(to, a.table(), a.constraint()));
                tableOf.put(a.object(), a.table());
            }
        }
        for (Table t : to.tables()) {
            if (planner.log().did(StepLog.Effect.CREATED, t.qualifiedName())) {
                for (Constraint fk : t.foreignKeys()) {
                    String key = t.qualifiedName() + "." + Sql.ident(fk.name());
                    toAdd.put(key, fk);
                    tableOf.put(key, t.qualifiedName());
                }
            }
        }
        for (Map.Entry<String, Constraint> e : toAdd.entrySet()) {
            String table = tableOf.get(e.getKey());
            Constraint fk = e.getValue();
            List<Hazard> hazards = new ArrayList<>();
            boolean existingTable = from.table(table).isPresent();
            // ADD FOREIGN KEY takes SHARE ROW EXCLUSIVE on both tables: writes wait, reads go on
            for (String locked : new LinkedHashSet<>(List.of(table, fk.refTable()))) {
                if (from.table(locked).isPresent() && !planner.log().did(StepLog.Effect.LOCKED, locked)) {
                    hazards.add(new Hazard(Kind.WRITE_LOCK, locked, "writes to " + locked + planner.size(locked)
                            + " wait until COMMIT (reads go on)"));
                }
            }
            boolean recreatedAsItWas = recreated.contains(e.getKey());
            boolean checkedHere = fk.validated() && existingTable && !recreatedAsItWas;
            // whether a read-only check proves the rows before anyone approves (none when the plan makes its columns)
            boolean proven = checkedHere && planner.checks().forNewForeignKey(table, fk);
            Hazard mayFail = new Hazard(Kind.FAILS_ON_DATA, e.getKey(), "fails if rows of " + table
                    + " reference missing rows of " + fk.refTable());
            String title = recreatedAsItWas ? "recreate foreign key " + Sql.ident(fk.name()) + " on "
                    + table + " as it was" : "add foreign key " + Sql.ident(fk.name()) + " on " + table;
            // Checking the rows already there would keep the plan's exclusive locks while it scans them: added NOT
            // VALID, the key checks new writes at once, and VALIDATE after COMMIT reads the old rows under SHARE
            // UPDATE EXCLUSIVE, while reads and writes go on. Only for rows known to pass (the key was valid, or a
            // check proves them): otherwise a failure belongs inside the transaction, which then changes nothing.
            // PostgreSQL before 18 refuses NOT VALID foreign keys on partitioned tables.
            if (fk.validated() && existingTable && (recreatedAsItWas || proven)
                    && !from.table(table).orElseThrow().partitioned()) {
                planner.step(title + " (NOT VALID: rows written from now on are checked)", Ddl.addConstraintNotValid(table, fk),
                        List.of(e.getKey()), hazards);
                planner.afterCommit(new Step("validate foreign key " + Sql.ident(fk.name()) + " on " + table
                        + " (reads and writes go on)", Ddl.validateConstraint(table, fk), List.of(e.getKey()),
                        checkedHere ? List.of(mayFail) : List.of(), List.of(), Step.Phase.AFTER_COMMIT));
            } else {
                if (checkedHere) {
                    hazards.add(mayFail);
                }
                planner.step(title, Ddl.addConstraint(table, fk), List.of(e.getKey()), hazards);
            }
            planner.remember("CONSTRAINT", Sql.ident(fk.name()) + " ON " + table, fk.comment());
        }
    }

    private <T extends Change> List<T> changes(Class<T> kind) {
        return diff.changes().stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
