package io.schemabot.plan;

import io.schemabot.diff.SchemaDiff;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.sql.Sql;

import java.util.List;
import java.util.Objects;

/**
 * Sets what logical replication sends of a changed row (REPLICA IDENTITY), after the indexes exist: where it
 * changes, and where the plan drops and builds again the index it uses, since the new index is not the replica
 * identity until it is named so, and a published table then refuses UPDATE and DELETE.
 */
final class ReplicaIdentities {
    private ReplicaIdentities() {
    }

    static void plan(Planner planner, Snapshot from, Snapshot to) {
        for (Table t : to.tables()) {
            Table was = from.table(t.qualifiedName()).orElse(null);
            if (was == null && t.replicaIdentity() == null) {
                continue;
            }
            boolean changed = was == null || !Objects.equals(was.replicaIdentity(), t.replicaIdentity());
            if (changed || indexRebuilt(planner, t)) {
                String table = t.qualifiedName();
                String setting = SchemaDiff.replicaIdentity(t);
                planner.step("replica identity " + setting.toLowerCase(java.util.Locale.ROOT) + " on " + table,
                        "ALTER TABLE " + table + " REPLICA IDENTITY " + setting + ";", List.of(table),
                        was == null ? List.of() : List.of(planner.lock(table)));
            }
        }
    }

    /** Whether an earlier step drops the index the replica identity uses (as an index or as its constraint). */
    private static boolean indexRebuilt(Planner planner, Table t) {
        String identity = t.replicaIdentity();
        if (identity == null || !identity.startsWith("USING INDEX ")) {
            return false;
        }
        String index = identity.substring("USING INDEX ".length());
        return planner.log().did(StepLog.Effect.DROPPED, Sql.ident(t.schema()) + "." + index)
                || planner.log().did(StepLog.Effect.DROPPED, t.qualifiedName() + "." + index);
    }
}
