package io.schemabot.plan;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only a check that names something the plan creates may be passed over at execution; any other failure refuses. */
class DataCheckWaitTest {
    private static final DataCheck CHECK = DataCheck.of("public.t.c", "values of public.t.c", "SELECT 1");

    @Test
    void anObjectNotYetCreated_waitsForThePlan_anythingElseDoesNot() {
        assertTrue(CHECK.withError("type \"public.mood\" does not exist", "42704").waitsForThePlan());
        assertTrue(CHECK.withError("relation \"public.x\" does not exist", "42P01").waitsForThePlan());
        assertFalse(CHECK.withError("canceling statement due to statement timeout", "57014").waitsForThePlan());
        assertFalse(CHECK.withError("canceling statement due to lock timeout", "55P03").waitsForThePlan());
        assertFalse(CHECK.withError("permission denied for table t", "42501").waitsForThePlan());
        assertFalse(CHECK.withResult(3, "x").waitsForThePlan());
    }
}
