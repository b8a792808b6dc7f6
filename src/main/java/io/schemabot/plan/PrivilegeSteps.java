package io.schemabot.plan;

import io.schemabot.plan.Hazard.Kind;
import io.schemabot.schema.Privilege;
import io.schemabot.schema.Privileges;
import io.schemabot.schema.Snapshot;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gives tables, views, columns, sequences and schemas TO's privileges once every object exists: per object, REVOKE
 * what it holds beyond TO (only the GRANT OPTION where TO grants the privilege without it) and GRANT what it lacks.
 * What an object holds at that point is FROM's grants where it stays, none where the plan creates it, and FROM's
 * grants on the whole relation where it rebuilds a view (which {@link Ddl#restoreAccess} gave back; column grants
 * do not survive DROP). A grant to a role the database lacks cannot run: it is BLOCKING, with what to do.
 */
final class PrivilegeSteps {
    private PrivilegeSteps() {
    }

    static void plan(Planner planner, Snapshot from, Snapshot to, Set<String> rebuiltViews) {
        if (from.privileges() == null || to.privileges() == null) {
            return;
        }
        Map<String, List<Privilege>> had = byObject(from.privileges());
        Map<String, List<Privilege>> gets = byObject(to.privileges());
        for (Map.Entry<String, List<Privilege>> e : gets.entrySet()) {
            planObject(planner, from, to, e.getValue().get(0), holding(from, e.getKey(), had, rebuiltViews),
                    e.getValue());
        }
        // objects that stay but lose every grant
        for (Map.Entry<String, List<Privilege>> e : had.entrySet()) {
            Privilege first = e.getValue().get(0);
            if (!gets.containsKey(e.getKey()) && Privileges.objectIn(first, to)) {
                planObject(planner, from, to, first, holding(from, e.getKey(), had, rebuiltViews), List.of());
            }
        }
    }

    /** What the object holds when this step runs. */
    private static List<Privilege> holding(Snapshot from, String object, Map<String, List<Privilege>> had,
                                           Set<String> rebuiltViews) {
        List<Privilege> before = had.getOrDefault(object, List.of());
        if (before.isEmpty() || !Privileges.objectIn(before.get(0), from)) {
            return List.of();
        }
        return rebuiltViews.contains(before.get(0).object())
                ? before.stream().filter(p -> p.column() == null).toList() : before;
    }

    private static void planObject(Planner planner, Snapshot from, Snapshot to, Privilege object,
                                   List<Privilege> before, List<Privilege> after) {
        // a column the plan drops took its grants along; a privilege one server lacks cannot be granted there
        Map<String, Privilege> was = levels(before.stream().filter(p -> stays(p, to) && Privileges.knownToBoth(p, from, to))
                .toList());
        Map<String, Privilege> will = levels(after.stream().filter(p -> Privileges.knownToBoth(p, from, to)).toList());
        Set<String> keys = new LinkedHashSet<>(was.keySet());
        keys.addAll(will.keySet());
        List<String> sql = new ArrayList<>();
        List<Hazard> hazards = new ArrayList<>();
        Set<String> objects = new LinkedHashSet<>();
        objects.add(object.object());
        for (String key : keys) {
            Privilege p = was.containsKey(key) ? was.get(key) : will.get(key);
            int a = level(was.get(key));
            int b = level(will.get(key));
            if (a == b) {
                continue;
            }
            if (p.column() != null) {
                objects.add(p.object() + "." + Sql.ident(p.column()));
            }
            if (b < a) {
                sql.add("REVOKE " + (b == 1 ? "GRANT OPTION FOR " : "") + p.clause() + " FROM " + p.granteeSql() + ";");
                // production may rely on a grant its migrations never made (default privileges, a hand-made one)
                hazards.add(new Hazard(Kind.PRIVILEGES, p.object(), "revokes " + (b == 1 ? "the grant option of " : "")
                        + p.clause() + " from " + p.granteeSql() + ": whoever relies on it loses it at COMMIT"));
            } else if (missingRole(from, p.grantee())) {
                hazards.add(new Hazard(Kind.BLOCKING, p.object(), "role " + p.granteeSql() + " does not exist on the"
                        + " database the plan runs on, so " + p.clause() + " cannot be granted to it: create the role,"
                        + " or list it under privileges.ignoreGrantees of the target"));
                sql.add(Sql.comment("BLOCKED: GRANT " + p.clause() + " TO " + p.granteeSql()
                        + (b == 2 ? " WITH GRANT OPTION" : "") + "; (no such role)"));
            } else {
                sql.add("GRANT " + p.clause() + " TO " + p.granteeSql() + (b == 2 ? " WITH GRANT OPTION;" : ";"));
            }
        }
        if (!sql.isEmpty()) {
            planner.step("set privileges on " + object.on().toLowerCase(java.util.Locale.ROOT) + " " + object.object(),
                    String.join("\n", sql), List.copyOf(objects), hazards);
        }
    }

    /** Whether the privilege's column (if it is on one) is still there in TO. */
    private static boolean stays(Privilege p, Snapshot to) {
        return p.column() == null || to.table(p.object()).map(t -> t.column(p.column()).isPresent()).orElse(true);
    }

    /** A named role the database's role list (when known) lacks; predefined pg_ roles exist everywhere. */
    private static boolean missingRole(Snapshot from, String role) {
        return role != null && from.roles() != null && !role.startsWith("pg_") && !from.roles().contains(role);
    }

    /** Privileges grouped by the object they are on, in name order. */
    private static Map<String, List<Privilege>> byObject(List<Privilege> privileges) {
        Map<String, List<Privilege>> out = new TreeMap<>();
        for (Privilege p : privileges) {
            out.computeIfAbsent(p.on() + " " + p.object(), k -> new ArrayList<>()).add(p);
        }
        return out;
    }

    private static Map<String, Privilege> levels(List<Privilege> privileges) {
        Map<String, Privilege> out = new LinkedHashMap<>();
        for (Privilege p : privileges) {
            out.merge(p.key(), p, (x, y) -> x.grantable() ? x : y);
        }
        return out;
    }

    private static int level(Privilege p) {
        return p == null ? 0 : p.grantable() ? 2 : 1;
    }
}
