package io.schemabot.plan;

import io.schemabot.schema.Sequence;
import io.schemabot.sql.Sql;

import java.util.Optional;

/**
 * A sequence whose new MINVALUE/MAXVALUE leaves out its current value: PostgreSQL refuses the ALTER. A sequence
 * only moves one way, so one that has not reached the new start of its range is moved to it (no value it handed
 * out can come again); one that is already past the new end cannot be repaired without reusing values, so that
 * is a hazard with a data check, not SQL.
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

    /** A setval that runs only when the current value has not reached the new start of the range. */
    static String moveIntoRange(Sequence was, Sequence will) {
        boolean ascending = will.increment() > 0;
        if (ascending != (was.increment() > 0)) {
            return "";
        }
        long start = ascending ? will.minValue() : will.maxValue();
        boolean narrower = ascending ? start > was.minValue() : start < was.maxValue();
        if (!narrower) {
            return "";
        }
        String name = will.qualifiedName();
        return "SELECT setval(" + Sql.literal(name) + ", " + start + ", false) FROM " + name + " WHERE last_value "
                + (ascending ? "< " : "> ") + start + ";\n";
    }

    static Optional<End> pastTheEnd(Sequence was, Sequence will) {
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
