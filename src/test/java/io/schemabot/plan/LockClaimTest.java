package io.schemabot.plan;

import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lock a step claims is the lock PostgreSQL takes when the step runs. */
class LockClaimTest {

    @Test
    void aNewForeignKeyHoldsOffWritesToBothTablesButNotReads() throws Exception {
        try (TestDatabase prod = EmbeddedPg.createDatabase("lock_prod"); TestDatabase target = EmbeddedPg.createDatabase("lock_target")) {
            String common = "CREATE TABLE p (id int PRIMARY KEY); INSERT INTO p VALUES (1);";
            prod.exec(common + " CREATE TABLE c (id int PRIMARY KEY, p_id int); INSERT INTO c VALUES (1, 1);");
            target.exec(common + " CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p);");
            Plan plan = PlanFixtures.plan(prod, target);
            // the key is added NOT VALID in the transaction and validated after COMMIT, outside its locks
            assertEquals(2, plan.steps().size(), plan.sql());
            Step step = plan.steps().get(0);
            assertEquals(List.of("WRITE_LOCK public.c", "WRITE_LOCK public.p"),
                    step.hazards().stream().map(h -> h.kind() + " " + h.object()).toList());
            Step validation = plan.steps().get(1);
            assertTrue(validation.afterCommit(), validation.toString());
            assertEquals(List.of("FAILS_ON_DATA public.c.c_p_id_fkey"),
                    validation.hazards().stream().map(h -> h.kind() + " " + h.object()).toList());
            assertEquals(List.of(), validation.locks(), "VALIDATE holds off neither reads nor writes");

            try (Connection c = prod.connect(); Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                st.execute(step.sql());
                Map<String, String> held = new TreeMap<>();
                try (ResultSet rs = st.executeQuery("SELECT relation::regclass::text, mode FROM pg_locks"
                        + " WHERE pid = pg_backend_pid() AND relation IN ('c'::regclass, 'p'::regclass)"
                        + " AND mode NOT IN ('AccessShareLock', 'RowShareLock')")) {
                    while (rs.next()) {
                        held.merge(rs.getString(1), rs.getString(2), (x, y) -> x + "," + y);
                    }
                }
                c.rollback();
                assertEquals(Map.of("c", "ShareRowExclusiveLock", "p", "ShareRowExclusiveLock"), held);
                st.execute(step.sql());
                c.commit();
                st.execute(validation.sql());
                held.clear();
                try (ResultSet rs = st.executeQuery("SELECT relation::regclass::text, mode FROM pg_locks"
                        + " WHERE pid = pg_backend_pid() AND relation IN ('c'::regclass, 'p'::regclass)"
                        + " AND mode NOT IN ('AccessShareLock', 'RowShareLock')")) {
                    while (rs.next()) {
                        held.merge(rs.getString(1), rs.getString(2), (x, y) -> x + "," + y);
                    }
                }
                c.rollback();
                assertEquals(Map.of("c", "ShareUpdateExclusiveLock"), held, "reads and writes of both go on");
                assertTrue(plan.hazardKinds().stream().noneMatch(k -> k == Hazard.Kind.ACCESS_EXCLUSIVE_LOCK));
            }
        }
    }
}
