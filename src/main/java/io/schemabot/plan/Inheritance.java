package io.schemabot.plan;

import io.schemabot.diff.TableChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.schema.Column;
import io.schemabot.schema.Constraint;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Knows which ALTER TABLE on a parent (inheritance or partitioning) reaches its children, so that a child is not
 * altered a second time, and what a parent's recursion undoes on a child that must be put back.
 */
final class Inheritance {
    private final DiffResult diff;
    private final Snapshot from;
    private final Snapshot to;

    Inheritance(DiffResult diff, Snapshot from, Snapshot to) {
        this.diff = diff;
        this.from = from;
        this.to = to;
    }

    /** Parents of a table: those it inherits from, or the table it is a partition of. */
    static List<String> parents(Table t) {
        List<String> parents = new ArrayList<>(t.inherits());
        if (t.partitionOf() != null) {
            parents.add(t.partitionOf());
        }
        return parents;
    }

    /**
     * CHECKs of a new parent (its own and its ancestors') that the child lacks. INHERIT refuses such a child, and a
     * copy added first would stay the child's own (local) after INHERIT, unlike the constraint TO's child only
     * inherits; so these are left to a person.
     */
    List<Constraint> checksMissingToInherit(Table child, String parent) {
        List<Constraint> missing = new ArrayList<>();
        Table p = to.table(parent).orElse(null);
        if (p == null) {
            return missing;
        }
        p.constraints().stream().filter(k -> k.type() == Constraint.Type.CHECK && !k.definition().contains("NO INHERIT"))
                .filter(k -> child.constraints().stream().noneMatch(c -> c.name().equals(k.name())))
                .forEach(missing::add);
        p.inherits().forEach(grandparent -> missing.addAll(checksMissingToInherit(child, grandparent)));
        return missing;
    }

    /** Parents the table has on both sides; DETACH and NO INHERIT run before any ALTER, so only these recurse. */
    List<String> stayingParents(String table) {
        List<String> before = from.table(table).map(Inheritance::parents).orElse(List.of());
        List<String> after = to.table(table).map(Inheritance::parents).orElse(List.of());
        return before.stream().filter(after::contains).toList();
    }

    /**
     * Whether a parent's own change of the same kind on the same column does this child's change: PostgreSQL
     * recurses ADD COLUMN, TYPE, COLLATE and generation expressions, and refuses them on a column a child
     * inherits. DROP COLUMN removes the child's column only where the child did not also declare it itself.
     */
    boolean reachedByParent(Change change) {
        String column = column(change);
        if (column == null) {
            return false;
        }
        if (change instanceof TableChange.ColumnDropped && !column(from, change.table(), column)
                .map(Column::inherited).orElse(false)) {
            return false;
        }
        for (String parent : stayingParents(change.table())) {
            if (diff.changes().stream().anyMatch(c -> c.getClass() == change.getClass()
                    && parent.equals(c.table()) && column.equals(column(c)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Columns a parent's DROP NOT NULL makes nullable (it recurses through every descendant) although TO keeps them
     * NOT NULL, by table: they are set NOT NULL again after the parent.
     */
    Map<String, Set<String>> notNullToRestore() {
        Map<String, Set<String>> restore = new LinkedHashMap<>();
        for (Change c : diff.changes()) {
            if (c instanceof TableChange.ColumnNullabilityChanged n && !n.toNotNull()) {
                for (String descendant : descendants(n.table())) {
                    boolean ownChange = diff.changes().stream().anyMatch(x -> x instanceof TableChange.ColumnNullabilityChanged
                            && x.table().equals(descendant) && n.column().equals(column(x)));
                    if (!ownChange && column(to, descendant, n.column()).map(Column::notNull).orElse(false)) {
                        restore.computeIfAbsent(descendant, k -> new LinkedHashSet<>()).add(n.column());
                    }
                }
            }
        }
        return restore;
    }

    /**
     * Defaults a parent's SET or DROP DEFAULT overwrites in descendants (it recurses, as does the pair a retype
     * emits) although TO gives them their own, by table and column, null for none: they are set again after it.
     */
    Map<String, Map<String, String>> defaultsToRestore() {
        Map<String, Map<String, String>> restore = new LinkedHashMap<>();
        for (Change c : diff.changes()) {
            String column = column(c);
            boolean retyped = c instanceof TableChange.ColumnTypeChanged || c instanceof TableChange.ColumnCollationChanged;
            if (!(c instanceof TableChange.ColumnDefaultChanged || retyped && (defaultOf(from, c.table(), column) != null
                    || defaultOf(to, c.table(), column) != null))) {
                continue;
            }
            String parentDefault = defaultOf(to, c.table(), column);
            for (String descendant : descendants(c.table())) {
                boolean ownChange = diff.changes().stream().anyMatch(x -> x instanceof TableChange.ColumnDefaultChanged
                        && x.table().equals(descendant) && column.equals(column(x)));
                String wanted = defaultOf(to, descendant, column);
                if (!ownChange && column(to, descendant, column).isPresent() && !Objects.equals(wanted, parentDefault)) {
                    restore.computeIfAbsent(descendant, k -> new LinkedHashMap<>()).put(column, wanted);
                }
            }
        }
        return restore;
    }

    private static String defaultOf(Snapshot s, String table, String quotedColumn) {
        return column(s, table, quotedColumn).map(Column::defaultExpression).orElse(null);
    }

    /** Objects of the children's changes that this table's own ALTER TABLE makes by recursing into them. */
    List<String> reachedThrough(String table) {
        Set<String> below = descendants(table);
        return diff.changes().stream().filter(c -> below.contains(c.table()) && reachedByParent(c))
                .map(Change::object).toList();
    }

    /**
     * Whether a child that inherits the column keeps it in TO, as a column of its own: then the parent drops it
     * with ALTER TABLE ONLY, which leaves the child's copy (and its values) in place as the child's own.
     */
    boolean keptByChild(String parent, String quotedColumn) {
        if (from.table(parent).map(Table::partitioned).orElse(true)) {
            return false; // a partition has exactly its parent's columns
        }
        return descendants(parent).stream().anyMatch(d -> column(from, d, quotedColumn).map(Column::inherited)
                .orElse(false) && column(to, d, quotedColumn).isPresent());
    }

    /** Tables below the parent, through links that stay. */
    private Set<String> descendants(String parent) {
        Set<String> found = new LinkedHashSet<>();
        List<String> pending = new ArrayList<>(List.of(parent));
        while (!pending.isEmpty()) {
            String p = pending.remove(0);
            for (Table t : from.tables()) {
                if (stayingParents(t.qualifiedName()).contains(p) && found.add(t.qualifiedName())) {
                    pending.add(t.qualifiedName());
                }
            }
        }
        return found;
    }

    /** The quoted column a column change is about, or null for other changes. */
    static String column(Change c) {
        if (c instanceof TableChange.ColumnAdded a) {
            return a.column();
        } else if (c instanceof TableChange.ColumnDropped d) {
            return d.column();
        } else if (c instanceof TableChange.ColumnTypeChanged t) {
            return t.column();
        } else if (c instanceof TableChange.ColumnCollationChanged t) {
            return t.column();
        } else if (c instanceof TableChange.ColumnNullabilityChanged n) {
            return n.column();
        } else if (c instanceof TableChange.ColumnGeneratedChanged g) {
            return g.column();
        } else if (c instanceof TableChange.ColumnDefaultChanged d) {
            return d.column();
        }
        return null;
    }

    private static java.util.Optional<Column> column(Snapshot s, String table, String quotedColumn) {
        return s.table(table).flatMap(t -> t.columns().stream().filter(c -> Sql.ident(c.name()).equals(quotedColumn))
                .findFirst());
    }
}
