package io.schemabot.plan;

import io.schemabot.diff.TableChange;
import io.schemabot.plan.Hazard.Kind;
import io.schemabot.schema.Column;
import io.schemabot.schema.IdentitySequence;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Sets an identity column's sequence options, after the table's ALTER so that a retyped column's sequence has
 * its new type. Like {@link SequenceRange}: a range with nothing in common with the old one restarts, a raised
 * start is moved to if not yet reached, a range the sequence may be past has a hazard and a check, and running
 * back over the old range is blocked.
 */
final class IdentityOptionChanges {
    private IdentityOptionChanges() {
    }

    static void plan(Planner planner, List<TableChange.ColumnIdentityOptionsChanged> changes) {
        for (TableChange.ColumnIdentityOptionsChanged c : changes) {
            Column column = planner.to().table(c.table()).orElseThrow().columns().stream()
                    .filter(x -> Sql.ident(x.name()).equals(c.column())).findFirst().orElseThrow();
            // read under the new type: PostgreSQL moved default bounds along with the column's type
            IdentitySequence was = IdentitySequence.of(column.type(), c.from());
            IdentitySequence will = IdentitySequence.of(column.type(), c.to());
            plan(planner, c, column, was, will);
        }
    }

    private static void plan(Planner planner, TableChange.ColumnIdentityOptionsChanged c, Column column,
                             IdentitySequence was, IdentitySequence will) {
        String title = "set identity options of " + c.object();
        String alter = "ALTER TABLE " + c.table() + " ALTER COLUMN " + c.column() + settings(was, will);
        boolean ascending = will.increment() > 0;
        if (will.minValue() > was.maxValue() || will.maxValue() < was.minValue()) {
            planner.step(title, alter + " RESTART WITH " + will.start() + ";", c.object(), planner.lock(c.table()));
            return;
        }
        if (ascending != was.increment() > 0) {
            planner.step(title, Sql.comment("BLOCKED: the identity of " + c.object() + " changes direction within the values"
                    + " it handed out."), c.object(), new Hazard(Kind.BLOCKING, c.object(), "going the other way it"
                    + " would hand out the same values again: choose a value it has not reached yet, n, and run "
                    + alter + " RESTART WITH n"));
            return;
        }
        List<Hazard> hazards = new ArrayList<>(List.of(planner.lock(c.table())));
        boolean pastEnd = ascending ? will.maxValue() < was.maxValue() : will.minValue() > was.minValue();
        if (pastEnd) {
            SequenceRange.End end = new SequenceRange.End(ascending, ascending ? will.maxValue() : will.minValue());
            hazards.add(new Hazard(Kind.FAILS_ON_DATA, c.object(), "fails if the identity has already handed out "
                    + end + "; it is not moved back, as that would hand out the same values again"));
            planner.checks().forIdentityEnd(c.table(), c.column(), end);
        }
        long start = ascending ? will.minValue() : will.maxValue();
        boolean narrower = ascending ? start > was.minValue() : start < was.maxValue();
        String move = narrower ? moveIntoRange(c.table(), column.name(), start, ascending) : "";
        planner.step(title, move + alter + ";", List.of(c.object()), hazards);
    }

    /** SET clauses for the options that differ; ALTER COLUMN applies them together, as one ALTER SEQUENCE. */
    private static String settings(IdentitySequence was, IdentitySequence will) {
        StringBuilder sql = new StringBuilder();
        if (was.increment() != will.increment()) {
            sql.append(" SET INCREMENT BY ").append(will.increment());
        }
        if (was.minValue() != will.minValue()) {
            sql.append(" SET MINVALUE ").append(will.minValue());
        }
        if (was.maxValue() != will.maxValue()) {
            sql.append(" SET MAXVALUE ").append(will.maxValue());
        }
        if (was.start() != will.start()) {
            sql.append(" SET START WITH ").append(will.start());
        }
        if (was.cache() != will.cache()) {
            sql.append(" SET CACHE ").append(will.cache());
        }
        if (was.cycle() != will.cycle()) {
            sql.append(will.cycle() ? " SET CYCLE" : " SET NO CYCLE");
        }
        return sql.toString();
    }

    /** The identity's sequence has a generated name that may differ between databases: look it up when run. */
    private static String moveIntoRange(String table, String column, long start, boolean ascending) {
        return "DO " + Sql.dollarQuoted("DECLARE s regclass := " + CounterHandover.identitySequence(table, column)
                + "; v bigint; BEGIN EXECUTE 'SELECT last_value FROM ' || s INTO v; IF v "
                + (ascending ? "< " : "> ") + start + " THEN PERFORM setval(s, " + start + ", false); END IF; END")
                + ";\n";
    }
}
