package io.schemabot.plan;

import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.PlanRoundTrip;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static io.schemabot.testing.PlanRoundTrip.oneWay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Names are data: one holding a line break must not end a comment of the script and run what follows, in the
 * steps' titles and hazards or in the BLOCKED notes that name it.
 */
class NameInjectionTest {
    private static final String VICTIM = "CREATE TABLE victim (id int); INSERT INTO victim VALUES (1);";

    @Test
    void aTableNameWithALineBreakStaysInsideItsComment() {
        Plan plan = oneWay(VICTIM, "", "CREATE TABLE \"x\nDROP TABLE victim; --\" (id int);",
                (db, p) -> assertEquals(1L, db.queryLong("SELECT count(*) FROM victim")));
        assertTrue(plan.sql().contains("-- 1. create table public.\"x\\nDROP TABLE victim; --\"\n"), plan.sql());
    }

    @Test
    void anEnumLabelWithALineBreakInABlockedNoteStaysInsideIt() {
        try (TestDatabase prod = EmbeddedPg.createDatabase("inj_prod"); TestDatabase target = EmbeddedPg.createDatabase("inj_target")) {
            // a routine's signature keeps the type from being made anew, so the removal stays a blocked note
            String user = " CREATE FUNCTION f(e) RETURNS int LANGUAGE sql AS 'SELECT 1';";
            prod.exec(VICTIM + " CREATE TYPE e AS ENUM ('a', E'x\\nDROP TABLE victim; --');" + user);
            target.exec(VICTIM + " CREATE TYPE e AS ENUM ('a');" + user);
            Plan plan = PlanFixtures.plan(prod, target);
            assertTrue(plan.isBlocked(), plan.sql());
            PlanRoundTrip.apply(prod, plan);
            assertEquals(1L, prod.queryLong("SELECT count(*) FROM victim"));
            assertFalse(plan.sql().lines().anyMatch(l -> l.startsWith("DROP TABLE victim")), plan.sql());
        }
    }
}
