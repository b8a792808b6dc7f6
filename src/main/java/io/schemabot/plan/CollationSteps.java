package io.schemabot.plan;

import io.schemabot.diff.ObjectChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.plan.Hazard.Kind;
import io.schemabot.schema.Collation;
import io.schemabot.schema.Snapshot;
import io.schemabot.sql.Sql;

import java.util.List;

/**
 * Collations and text search objects: created early (domains, composite types, columns, indexes and generated
 * columns may name them), dropped at the end. A collation has no ALTER for how it compares, so a changed one is
 * made anew when nothing uses it. When something does, the plan is BLOCKING with the users named: making it anew
 * would mean moving every column, domain and index onto a copy, and values equal or ordered under the old
 * collation may not be under the new (a unique index could then hold duplicates, a sorted index would be
 * corrupt), which a person has to judge and check against the data.
 */
final class CollationSteps {
    private final Planner planner;
    private final DiffResult diff;
    private final Snapshot from;
    private final Snapshot to;

    CollationSteps(Planner planner, DiffResult diff, Snapshot from, Snapshot to) {
        this.planner = planner;
        this.diff = diff;
        this.from = from;
        this.to = to;
    }

    /** Creates and remakes collations, then text search dictionaries and configurations. */
    void create() {
        for (Change c : diff.changes()) {
            if (c instanceof ObjectChange.CollationAdded a) {
                Collation collation = collation(to, a.collation());
                planner.step("create collation " + a.collation(), create(collation), a.collation());
                planner.remember("COLLATION", a.collation(), collation.comment());
            } else if (c instanceof ObjectChange.CollationChanged changed) {
                remake(changed);
            }
        }
        new TextSearchSteps(planner, diff, from, to).create();
    }

    /** Drops text search configurations, dictionaries and collations TO does not have, after their users went. */
    void drop() {
        new TextSearchSteps(planner, diff, from, to).drop();
        for (Change c : diff.changes()) {
            if (c instanceof ObjectChange.CollationDropped d) {
                planner.step("drop collation " + d.collation(), "DROP COLLATION " + d.collation() + ";", d.collation());
            }
        }
    }

    private void remake(ObjectChange.CollationChanged c) {
        List<String> users = ObjectUsers.ofCollation(from, c.collation());
        if (users.isEmpty()) {
            Collation collation = collation(to, c.collation());
            planner.step("make collation " + c.collation() + " anew (a collation cannot be altered; nothing uses it)",
                    "DROP COLLATION " + c.collation() + ";\n" + create(collation), c.collation());
            planner.remember("COLLATION", c.collation(), collation.comment());
            return;
        }
        String named = ObjectUsers.named(users, 5);
        planner.step("collation " + c.collation() + " cannot be changed in place",
                Sql.comment("BLOCKED: collation " + c.collation() + " (" + c.from() + ") should be (" + c.to()
                        + "), and " + named + " use it. Manually: CREATE COLLATION a new one (" + c.to() + "); check"
                        + " that unique keys stay unique under it; ALTER each column TYPE ... COLLATE the new one"
                        + " (rebuilds its indexes), move domains and indexes the same way; DROP the old one and"
                        + " rename the new."),
                c.collation(), new Hazard(Kind.BLOCKING, c.collation(), "a collation cannot be altered, and "
                        + named + " use it: values equal or ordered under one may not be under the other, so moving"
                        + " them is left to a person"));
    }

    private static String create(Collation c) {
        return "CREATE COLLATION " + c.qualifiedName() + " (" + c.definition() + ");";
    }

    private static Collation collation(Snapshot s, String name) {
        return s.collations().stream().filter(c -> c.qualifiedName().equals(name)).findFirst().orElseThrow();
    }
}
