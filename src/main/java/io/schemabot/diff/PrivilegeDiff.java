package io.schemabot.diff;

import io.schemabot.schema.Access;
import io.schemabot.schema.Privilege;
import io.schemabot.schema.Privileges;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the privileges on tables, views, columns, sequences, schemas and routines that both sides have, per
 * grantee, privilege and grant option: what FROM grants beyond TO is a {@link ObjectChange.PrivilegeExtra}, what it lacks a
 * {@link ObjectChange.PrivilegeMissing}. Objects on one side only come and go with their grants, so they are not
 * repeated here; a side whose privileges are unknown (an older snapshot file) is not compared at all.
 */
final class PrivilegeDiff {
    /** How far a privilege is granted, as reports say it. */
    static final List<String> LEVELS = List.of("none", "granted", "with grant option");

    private PrivilegeDiff() {
    }

    static void compare(Snapshot from, Snapshot to, List<Change> changes) {
        if (from.privileges() != null && to.privileges() != null) {
            compare(levels(from.privileges(), from, to), levels(to.privileges(), from, to), changes);
        }
        compare(routines(from, to), routines(to, from), changes);
    }

    private static void compare(Map<String, Privilege> a, Map<String, Privilege> b, List<Change> changes) {
        Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String key : keys) {
            int was = level(a.get(key));
            int will = level(b.get(key));
            if (was == will) {
                continue;
            }
            Privilege p = a.containsKey(key) ? a.get(key) : b.get(key);
            String column = p.column() == null ? null : Sql.ident(p.column());
            changes.add(was > will
                    ? new ObjectChange.PrivilegeExtra(p.on(), p.object(), column, p.table(), p.granteeSql(), p.privilege(),
                            LEVELS.get(was), LEVELS.get(will))
                    : new ObjectChange.PrivilegeMissing(p.on(), p.object(), column, p.table(), p.granteeSql(), p.privilege(),
                            LEVELS.get(was), LEVELS.get(will)));
        }
    }

    /**
     * Who may run the routines and aggregates that {@code other} has too, as privileges ON ROUTINE: an untouched ACL
     * counts as PUBLIC's EXECUTE; routines whose privileges either side does not know are left out.
     */
    private static Map<String, Privilege> routines(Snapshot side, Snapshot other) {
        Map<String, List<Access.Grant>> theirs = routineGrants(other);
        List<Privilege> out = new ArrayList<>();
        routineGrants(side).forEach((signature, grants) -> {
            if (grants != null && theirs.get(signature) != null) {
                for (Access.Grant g : grants) {
                    for (String privilege : g.privileges().split(", ")) {
                        out.add(new Privilege("ROUTINE", signature, null, g.role(), privilege, g.grantable()));
                    }
                }
            }
        });
        return levels(out, null, null);
    }

    private static Map<String, List<Access.Grant>> routineGrants(Snapshot s) {
        Map<String, List<Access.Grant>> out = new LinkedHashMap<>();
        s.functions().forEach(f -> out.put(f.signature(), f.privileges()));
        s.aggregates().forEach(a -> out.put(a.signature(), a.privileges()));
        return out;
    }

    /** 0 not granted, 1 granted, 2 granted with grant option. */
    static int level(Privilege p) {
        return p == null ? 0 : p.grantable() ? 2 : 1;
    }

    /** The privileges on objects both sides have (all of them without sides), by {@link Privilege#key()}. */
    private static Map<String, Privilege> levels(List<Privilege> privileges, Snapshot from, Snapshot to) {
        Map<String, Privilege> out = new LinkedHashMap<>();
        for (Privilege p : privileges) {
            if (from == null || onBothSides(p, from) && onBothSides(p, to) && Privileges.knownToBoth(p, from, to)) {
                out.merge(p.key(), p, (x, y) -> x.grantable() ? x : y);
            }
        }
        return out;
    }

    /** Whether the object the privilege is on exists in {@code s}, and so does its column where it is a table's. */
    private static boolean onBothSides(Privilege p, Snapshot s) {
        Table t = p.column() == null ? null : s.table(p.object()).orElse(null);
        return Privileges.objectIn(p, s) && (t == null || t.column(p.column()).isPresent());
    }

    /** As people read a privilege: {@code SELECT on table public.t to app}. */
    static String phrase(String privilege, String on, String name, String column, String grantee) {
        return privilege + " on " + (column == null ? on.toLowerCase(java.util.Locale.ROOT) + " " + name
                : "column " + name + "." + column) + " to " + grantee;
    }
}
