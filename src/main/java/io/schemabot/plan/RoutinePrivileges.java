package io.schemabot.plan;

import io.schemabot.diff.ObjectChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.schema.Access;
import io.schemabot.schema.Function;
import io.schemabot.schema.Snapshot;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Gives routines and aggregates TO's privileges once every routine exists: for each role (PUBLIC included) whose
 * grants differ, REVOKE what it holds and GRANT what TO gives it. A new one starts with PostgreSQL's default
 * (PUBLIC may execute); a replaced one was given FROM's privileges back when it was created again.
 */
final class RoutinePrivileges {
    private RoutinePrivileges() {
    }

    static void plan(Planner planner, DiffResult diff, Snapshot from, Snapshot to) {
        Set<String> changed = new LinkedHashSet<>();
        for (Change c : diff.changes()) {
            if (c instanceof ObjectChange.PrivilegeExtra p && "ROUTINE".equals(p.on())
                    || c instanceof ObjectChange.PrivilegeMissing m && "ROUTINE".equals(m.on())) {
                changed.add(c.object());
            }
        }
        for (String routine : changed) {
            set(planner, privileges(from, routine), routine, privileges(to, routine));
        }
        for (Change c : diff.changes()) {
            if (c instanceof ObjectChange.FunctionAdded || c instanceof ObjectChange.AggregateAdded) {
                List<Access.Grant> wanted = privileges(to, c.object());
                if (wanted != null && !wanted.equals(Function.DEFAULT_PRIVILEGES)) {
                    set(planner, Function.DEFAULT_PRIVILEGES, c.object(), wanted);
                }
            }
        }
    }

    private static void set(Planner planner, List<Access.Grant> before, String signature, List<Access.Grant> after) {
        Map<String, List<Access.Grant>> had = byGrantee(before);
        Map<String, List<Access.Grant>> gets = byGrantee(after);
        List<String> sql = new ArrayList<>();
        List<String> grantees = new ArrayList<>(had.keySet());
        gets.keySet().stream().filter(g -> !had.containsKey(g)).forEach(grantees::add);
        for (String grantee : grantees) {
            if (!Objects.equals(had.get(grantee), gets.get(grantee))) {
                if (had.containsKey(grantee)) {
                    sql.add("REVOKE ALL ON ROUTINE " + signature + " FROM " + grantee + ";");
                }
                for (Access.Grant g : gets.getOrDefault(grantee, List.of())) {
                    sql.add("GRANT " + g.privileges() + " ON ROUTINE " + signature + " TO " + grantee
                            + (g.grantable() ? " WITH GRANT OPTION;" : ";"));
                }
            }
        }
        planner.step("set privileges on " + signature + ": " + Access.describe(after),
                String.join("\n", sql), signature);
    }

    private static Map<String, List<Access.Grant>> byGrantee(List<Access.Grant> grants) {
        Map<String, List<Access.Grant>> out = new LinkedHashMap<>();
        for (Access.Grant g : grants) {
            out.computeIfAbsent(g.role() == null ? "PUBLIC" : Sql.ident(g.role()), k -> new ArrayList<>()).add(g);
        }
        return out;
    }

    /** A function's, procedure's or aggregate's privileges: GRANT ON ROUTINE reaches all three. */
    private static List<Access.Grant> privileges(Snapshot s, String signature) {
        return s.functions().stream().filter(f -> f.signature().equals(signature)).map(Function::privileges)
                .findFirst().orElseGet(() -> s.aggregates().stream().filter(a -> a.signature().equals(signature))
                        .findFirst().orElseThrow().privileges());
    }
}
