package io.schemabot.plan;

import org.junit.jupiter.api.Test;

import static io.schemabot.testing.PlanRoundTrip.bothWays;
import static io.schemabot.testing.PlanRoundTrip.oneWay;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What logical replication sends of a changed row is part of the schema, and survives its index being rebuilt. */
class ReplicaIdentityTest {
    private static final String TABLE = "CREATE TABLE t (id int, u int NOT NULL, w int NOT NULL, v text);";

    @Test
    void replicaIdentityIsDiffedAndSetEitherWay() {
        bothWays(TABLE + " CREATE UNIQUE INDEX t_u ON t (u);", "ALTER TABLE t REPLICA IDENTITY FULL;",
                "ALTER TABLE t REPLICA IDENTITY USING INDEX t_u;");
        bothWays(TABLE, "", "ALTER TABLE t REPLICA IDENTITY NOTHING;");
    }

    @Test
    void anIndexRebuiltUnderTheReplicaIdentityIsNamedSoAgain() {
        oneWay("", TABLE + " CREATE UNIQUE INDEX t_u ON t (u); ALTER TABLE t REPLICA IDENTITY USING INDEX t_u;"
                        + " INSERT INTO t VALUES (1, 1, 1, 'a');",
                TABLE + " CREATE UNIQUE INDEX t_u ON t (u, w); ALTER TABLE t REPLICA IDENTITY USING INDEX t_u;",
                (db, plan) -> assertEquals("t_u", db.queryString("SELECT c.relname FROM pg_index i JOIN pg_class c"
                        + " ON c.oid = i.indexrelid WHERE i.indrelid = 't'::regclass AND i.indisreplident")));
    }

    @Test
    void aReplacedPrimaryKeyUnderTheReplicaIdentityIsNamedSoAgain() {
        oneWay("", "CREATE TABLE b (id int, k int NOT NULL, CONSTRAINT b_pkey PRIMARY KEY (id));"
                        + " ALTER TABLE b REPLICA IDENTITY USING INDEX b_pkey;",
                "CREATE TABLE b (id int, k int NOT NULL, CONSTRAINT b_pkey PRIMARY KEY (id, k));"
                        + " ALTER TABLE b REPLICA IDENTITY USING INDEX b_pkey;");
    }
}
