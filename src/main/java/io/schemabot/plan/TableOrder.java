package io.schemabot.plan;

import io.schemabot.schema.Constraint;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Orders the tables to alter: a parent before its children (its ALTER recurses into them), and for a change of
 * persistence the side PostgreSQL checks first: a logged table may not reference an unlogged one.
 */
final class TableOrder {
    private final Snapshot from;
    private final Snapshot to;

    TableOrder(Snapshot from, Snapshot to) {
        this.from = from;
        this.to = to;
    }

    /** The tables in an order that honours every rule it can; a cycle falls back to the order given. */
    List<String> of(Collection<String> tables) {
        List<String> pending = new ArrayList<>(tables);
        List<String> ordered = new ArrayList<>();
        while (!pending.isEmpty()) {
            String next = pending.stream().filter(t -> pending.stream().noneMatch(o -> !o.equals(t) && before(o, t)))
                    .findFirst().orElse(pending.get(0));
            ordered.add(next);
            pending.remove(next);
        }
        return ordered;
    }

    /** Whether table a must be altered before table b. */
    private boolean before(String a, String b) {
        if (parentOf(a, b, from) || parentOf(a, b, to)) {
            return true;
        }
        Optional<Boolean> aLogged = becomesLogged(a);
        Optional<Boolean> bLogged = becomesLogged(b);
        if (aLogged.isEmpty() || bLogged.isEmpty() || !aLogged.get().equals(bLogged.get())) {
            return false;
        }
        // SET LOGGED: what is referenced goes first; SET UNLOGGED: what references it goes first
        return aLogged.get() ? references(b, a) : references(a, b);
    }

    private static boolean parentOf(String parent, String child, Snapshot s) {
        return s.table(child).map(t -> Inheritance.parents(t).contains(parent)).orElse(false);
    }

    /** True for UNLOGGED -> LOGGED, false for the reverse, empty when persistence stays. */
    private Optional<Boolean> becomesLogged(String table) {
        Optional<Table> was = from.table(table);
        Optional<Table> will = to.table(table);
        if (was.isEmpty() || will.isEmpty() || was.get().unlogged() == will.get().unlogged()) {
            return Optional.empty();
        }
        return Optional.of(!will.get().unlogged());
    }

    private boolean references(String table, String referenced) {
        return referencesIn(from, table, referenced) || referencesIn(to, table, referenced);
    }

    private static boolean referencesIn(Snapshot s, String table, String referenced) {
        return s.table(table).map(t -> t.foreignKeys().stream().map(Constraint::refTable)
                .anyMatch(referenced::equals)).orElse(false);
    }
}
