package io.schemabot.plan;

import io.schemabot.plan.Hazard.Kind;
import io.schemabot.schema.Sequence;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Alters a sequence's options without handing out a value twice. PostgreSQL refuses an ALTER whose range leaves
 * out the current value. A range with nothing in common with the old one restarts at its start (no value of the
 * old range can come again); one that has not been reached yet is moved to; one the sequence is already past
 * fails with a clear message and a data check; and running back over the old range is blocked.
 */
final class SequenceRange {
    private SequenceRange() {
    }

    /** The end a sequence may already be past: {@code values above 100} (ascending) or {@code below -100}. */
    record End(boolean ascending, long limit) {
        String pastIt(String value) {
            return value + (ascending ? " > " : " < ") + limit;
        }

        @Override
        public String toString() {
            return "values " + (ascending ? "above " : "below ") + limit;
        }
    }

    static void plan(Planner planner, Sequence was, Sequence will) {
        String name = will.qualifiedName();
        // DROP COLUMN drops the sequences the column owns: let go now, the new owner takes it once it exists.
        String alter = "ALTER SEQUENCE " + name + " " + will.options()
                + (Objects.equals(was.ownedBy(), will.ownedBy()) ? "" : " OWNED BY NONE");
        String title = "alter sequence " + name;
        if (disjoint(was, will)) {
            planner.step(title, alter + " RESTART WITH " + will.start() + ";", name);
            return;
        }
        if ((was.increment() > 0) != (will.increment() > 0)) {
            planner.step(title, Sql.comment("BLOCKED: " + name + " changes direction within the values it handed out."), name,
                    new Hazard(Kind.BLOCKING, name, "going the other way it would hand out the same values again:"
                            + " choose a value it has not reached yet, n, and run " + alter + " RESTART WITH n"));
            return;
        }
        List<Hazard> hazards = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        pastTheEnd(was, will).ifPresent(end -> {
            hazards.add(new Hazard(Kind.FAILS_ON_DATA, name, "fails if the sequence has already handed out " + end
                    + "; it is not moved back, as that would hand out the same values again"));
            planner.checks().forSequenceEnd(name, end);
            sql.append(refuseIfPast(name, end));
        });
        sql.append(moveIntoRange(was, will)).append(alter).append(";");
        planner.step(title, sql.toString(), List.of(name), hazards);
    }

    /** Whether no value of the old range lies in the new one. */
    private static boolean disjoint(Sequence was, Sequence will) {
        return will.minValue() > was.maxValue() || will.maxValue() < was.minValue();
    }

    /**
     * PostgreSQL's own refusal speaks of a RESTART the plan does not contain; this says what is wrong instead,
     * before anything has changed.
     */
    private static String refuseIfPast(String name, End end) {
        String message = "sequence " + name + " has already handed out " + end + "; its new range leaves them out,"
                + " and moving it back would hand them out again";
        return "DO " + Sql.dollarQuoted("BEGIN IF (SELECT " + end.pastIt("last_value") + " FROM " + name
                + ") THEN RAISE EXCEPTION " + Sql.literal(message.replace("%", "%%")) + "; END IF; END") + ";\n";
    }

    /** A setval that runs only when the current value has not reached the new start of the range. */
    private static String moveIntoRange(Sequence was, Sequence will) {
        boolean ascending = will.increment() > 0;
        long start = ascending ? will.minValue() : will.maxValue();
        boolean narrower = ascending ? start > was.minValue() : start < was.maxValue();
        if (!narrower) {
            return "";
        }
        String name = will.qualifiedName();
        return "SELECT setval(" + Sql.literal(name) + ", " + start + ", false) FROM " + name + " WHERE last_value "
                + (ascending ? "< " : "> ") + start + ";\n";
    }

    private static Optional<End> pastTheEnd(Sequence was, Sequence will) {
        boolean ascending = will.increment() > 0;
        if (ascending && will.maxValue() < was.maxValue()) {
            return Optional.of(new End(true, will.maxValue()));
        }
        if (!ascending && will.minValue() > was.minValue()) {
            return Optional.of(new End(false, will.minValue()));
        }
        return Optional.empty();
    }
}
