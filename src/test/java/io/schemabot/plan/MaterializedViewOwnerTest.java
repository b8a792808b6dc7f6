package io.schemabot.plan;

import org.junit.jupiter.api.Test;

import static io.schemabot.testing.PlanRoundTrip.oneWay;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A materialized view the plan rebuilds is filled by its owner's query, as every REFRESH of it is: filled while
 * the plan's (superuser) runner creates it, it would hold rows its owner's row security hides.
 */
class MaterializedViewOwnerTest {

    @Test
    void aRebuiltViewHoldsOnlyTheRowsItsOwnerMaySee() {
        String owner = "mv_owner_" + ProcessHandle.current().pid();
        String reader = "mv_reader_" + ProcessHandle.current().pid();
        String common = "DO $$ BEGIN CREATE ROLE " + owner + " NOLOGIN; EXCEPTION WHEN duplicate_object THEN END $$;"
                + " DO $$ BEGIN CREATE ROLE " + reader + " NOLOGIN; EXCEPTION WHEN duplicate_object THEN END $$;";
        String table = "CREATE TABLE t (id int PRIMARY KEY, tenant text, v %s);"
                + " ALTER TABLE t ENABLE ROW LEVEL SECURITY; CREATE POLICY p ON t USING (tenant = current_user);"
                + " GRANT SELECT ON t TO " + owner + ";"
                + " CREATE MATERIALIZED VIEW mv AS SELECT tenant, sum(v) AS s FROM t GROUP BY tenant;"
                + " ALTER MATERIALIZED VIEW mv OWNER TO " + owner + "; GRANT SELECT ON mv TO " + reader + ";";
        oneWay(common, table.formatted("int") + " INSERT INTO t VALUES (1, '" + owner + "', 1), (2, 'other', 100);"
                        + " REFRESH MATERIALIZED VIEW mv;",
                table.formatted("bigint"),
                (db, plan) -> assertEquals(1L, db.queryLong("SELECT count(*) FROM mv")));
    }
}
