package io.schemabot.plan;

import io.schemabot.plan.Hazard.Kind;
import io.schemabot.schema.Extension;
import io.schemabot.schema.Snapshot;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Moves an installed extension to the version and schema the target has. ALTER EXTENSION UPDATE needs update
 * scripts from the installed version to the new one, which servers rarely have for going back; without a path
 * the change is blocked with the manual steps instead of SQL that fails.
 */
final class ExtensionUpdates {
    private ExtensionUpdates() {
    }

    static void plan(Planner planner, String quotedName) {
        Extension current = find(planner.from(), quotedName);
        Extension target = find(planner.to(), quotedName);
        List<String> sql = new ArrayList<>();
        List<Hazard> hazards = new ArrayList<>();
        if (!current.version().equals(target.version())) {
            // unknown (an older snapshot file): try it, as PostgreSQL will say whether it can
            if (current.updatableTo() == null || current.updatableTo().contains(target.version())) {
                sql.add("ALTER EXTENSION " + quotedName + " UPDATE TO " + Sql.literal(target.version()) + ";");
            } else {
                sql.add(Sql.comment("BLOCKED: no update path for " + quotedName + " from " + current.version() + " to "
                        + target.version() + "."));
                hazards.add(new Hazard(Kind.BLOCKING, quotedName, "this server has no update path for " + quotedName
                        + " from " + Sql.literal(current.version()) + " to " + Sql.literal(target.version())
                        + " (see pg_extension_update_paths(" + Sql.literal(current.name()) + ")). Either install"
                        + " update scripts for it, or move what uses the extension aside, DROP EXTENSION " + quotedName
                        + " and CREATE EXTENSION " + quotedName + " VERSION " + Sql.literal(target.version())
                        + ", then put them back"));
            }
        }
        if (!current.schema().equals(target.schema())) {
            sql.add("ALTER EXTENSION " + quotedName + " SET SCHEMA " + Sql.ident(target.schema()) + ";");
        }
        planner.step("update extension " + quotedName, String.join("\n", sql), List.of(quotedName), hazards);
    }

    private static Extension find(Snapshot s, String quotedName) {
        return s.extensions().stream().filter(x -> Sql.ident(x.name()).equals(quotedName)).findFirst().orElseThrow();
    }
}
