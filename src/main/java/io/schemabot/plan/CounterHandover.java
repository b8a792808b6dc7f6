package io.schemabot.plan;

import io.schemabot.schema.Column;
import io.schemabot.schema.IdentitySequence;
import io.schemabot.schema.Sequence;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hands a key column's counter over when the column gets a new one (serial to identity, identity to serial, a
 * plain integer to either): a new sequence starts at its START, below the keys the table already holds, so the
 * first INSERT after COMMIT would fail on the primary key. The old counter's position is saved before anything
 * drops it, and the new one is moved past both that position and the column's highest value (lowest, counting
 * down). Sequence positions are no part of a schema, so no diff would ever show this.
 */
final class CounterHandover {
    private static final Pattern NEXTVAL = Pattern.compile("^nextval\\('((?:[^']|'')+)'::regclass\\)$");
    private static final Set<String> INTEGERS = Set.of("smallint", "integer", "bigint");
    private static final String SAVED = "pg_temp.schemabot_counters";

    /** A column of a table on both sides whose values come from a new counter. */
    private record Handover(String table, Column column, String newCounter, boolean ascending, long start,
                            String oldCounter) {
        String key() {
            return table + "." + Sql.ident(column.name());
        }
    }

    private final List<Handover> handovers;

    private CounterHandover(List<Handover> handovers) {
        this.handovers = handovers;
    }

    static CounterHandover between(Snapshot from, Snapshot to) {
        List<Handover> found = new ArrayList<>();
        for (Table after : to.tables()) {
            Optional<Table> before = from.table(after.qualifiedName());
            if (before.isEmpty()) {
                continue;
            }
            for (Column will : after.columns()) {
                before.get().columns().stream().filter(c -> c.name().equals(will.name())).findFirst()
                        .flatMap(was -> handover(from, to, after.qualifiedName(), was, will))
                        .ifPresent(found::add);
            }
        }
        return new CounterHandover(found);
    }

    private static Optional<Handover> handover(Snapshot from, Snapshot to, String table, Column was, Column will) {
        if (will.inherited() || !INTEGERS.contains(will.type())) {
            return Optional.empty();
        }
        String oldCounter = counter(table, was);
        if (will.identity() != null && was.identity() == null) {
            IdentitySequence options = IdentitySequence.of(will.type(), will.identityOptions());
            return Optional.of(new Handover(table, will, counter(table, will), options.increment() > 0,
                    options.start(), oldCounter));
        }
        String sequence = sequenceOf(will.defaultExpression());
        boolean sameAsBefore = was.identity() == null && sequence != null
                && sequence.equals(sequenceOf(was.defaultExpression()));
        boolean existedBefore = from.sequences().stream().anyMatch(s -> s.qualifiedName().equals(sequence));
        if (sequence == null || sameAsBefore || existedBefore) {
            return Optional.empty();
        }
        Optional<Sequence> created = to.sequences().stream().filter(s -> s.qualifiedName().equals(sequence))
                .findFirst();
        return created.map(s -> new Handover(table, will, Sql.literal(sequence) + "::regclass", s.increment() > 0,
                s.start(), oldCounter));
    }

    /** An expression for the column's counter when the plan runs (identities' sequences have generated names). */
    private static String counter(String table, Column column) {
        if (column.identity() != null) {
            return identitySequence(table, column.name());
        }
        String sequence = sequenceOf(column.defaultExpression());
        return sequence == null ? null : Sql.literal(sequence) + "::regclass";
    }

    /**
     * The identity's own sequence, found when the plan runs. Not pg_get_serial_sequence: while a serial column
     * becomes an identity it owns two sequences, and that function may name the old one.
     */
    static String identitySequence(String table, String column) {
        String rel = Sql.literal(table) + "::regclass";
        return "(SELECT d.objid::regclass FROM pg_depend d JOIN pg_attribute a ON a.attrelid = d.refobjid"
                + " AND a.attnum = d.refobjsubid WHERE d.classid = 'pg_class'::regclass AND d.refclassid ="
                + " 'pg_class'::regclass AND d.refobjid = " + rel + " AND a.attname = " + Sql.literal(column)
                + " AND d.deptype = 'i')";
    }

    /** The sequence of a {@code nextval('...'::regclass)} default, as the catalog prints it, or null. */
    private static String sequenceOf(String defaultExpression) {
        if (defaultExpression == null) {
            return null;
        }
        Matcher m = NEXTVAL.matcher(defaultExpression.trim());
        return m.matches() ? m.group(1).replace("''", "'") : null;
    }

    // The steps name no objects: they answer for no change of the diff, so the last guard still sees a missed one.

    /** First thing in the plan: where each old counter stands, before a step drops it. */
    void save(Planner planner) {
        List<Handover> saved = handovers.stream().filter(h -> h.oldCounter() != null).toList();
        if (saved.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("CREATE TEMP TABLE IF NOT EXISTS schemabot_counters"
                + " (col text PRIMARY KEY, handed_out bigint) ON COMMIT DROP;");
        for (Handover h : saved) {
            // last_value was handed out only once is_called; EXECUTE, since the sequence is found when this runs
            sql.append("\nDO ").append(Sql.dollarQuoted("DECLARE s regclass := " + h.oldCounter() + "; BEGIN"
                    + " EXECUTE format('INSERT INTO " + SAVED + " SELECT %L, CASE WHEN is_called THEN last_value END"
                    + " FROM %s', " + Sql.literal(h.key()) + ", s); END")).append(';');
        }
        planner.step("remember where the counters of " + String.join(", ", saved.stream().map(Handover::key).toList())
                + " stand", sql.toString(), List.of(), List.of());
    }

    /** After the new counters exist: each continues past the old one and past the values its column holds. */
    void handOver(Planner planner) {
        for (Handover h : handovers) {
            String column = Sql.ident(h.column().name());
            String highest = (h.ascending() ? "max(" : "min(") + column + ")";
            String held = "(SELECT " + highest + " FROM " + h.table() + ")";
            String position = h.oldCounter() == null ? held : (h.ascending() ? "greatest(" : "least(")
                    + "(SELECT handed_out FROM " + SAVED + " WHERE col = " + Sql.literal(h.key()) + "), " + held + ")";
            // Past START, it goes on after the values held; below it (or with none) it starts at START, which
            // ADD GENERATED does not take from a later SET START WITH.
            String past = "coalesce(v " + (h.ascending() ? ">= " : "<= ") + h.start() + ", false)";
            planner.step("continue the new counter of " + h.key() + " after the values it already holds",
                    "SELECT setval(" + h.newCounter() + ", CASE WHEN " + past + " THEN v ELSE " + h.start() + " END, "
                            + past + ") FROM (SELECT " + position + " AS v) p;",
                    List.of(), List.of());
        }
    }
}
