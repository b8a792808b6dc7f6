package io.schemabot.plan;

import io.schemabot.testing.PlanRoundTrip;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A trigger disabled on one partition only (ALTER TABLE partition DISABLE TRIGGER): the diff sees it, and the plan
 * sets it, also where the plan makes the partition's copy of the trigger again.
 */
class PartitionTriggerStateTest {
    private static final String COMMON = """
            CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
            CREATE TABLE events (at date NOT NULL, what text) PARTITION BY RANGE (at);
            CREATE TABLE "Events 2025" PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            """;
    private static final String TRIGGER = "CREATE TRIGGER \"Audit\" BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION audit();";
    private static final String DISABLED_2025 = "ALTER TABLE \"Events 2025\" DISABLE TRIGGER \"Audit\";";

    @Test
    void aTriggerDisabledOnOnePartition_isADifference_andThePlanDisablesOrEnablesIt() {
        Plan disable = PlanRoundTrip.oneWay(COMMON + TRIGGER, "", DISABLED_2025);
        assertTrue(disable.sql().contains("ALTER TABLE public.\"Events 2025\" DISABLE TRIGGER \"Audit\";"), disable.sql());
        Plan enable = PlanRoundTrip.oneWay(COMMON + TRIGGER, DISABLED_2025, "");
        assertTrue(enable.sql().contains("ALTER TABLE public.\"Events 2025\" ENABLE TRIGGER \"Audit\";"), enable.sql());
        PlanRoundTrip.bothWays(COMMON + TRIGGER, DISABLED_2025,
                "ALTER TABLE \"Events 2025\" ENABLE ALWAYS TRIGGER \"Audit\";");
    }

    @Test
    void aParentTriggerMadeAgain_keepsThePartitionsOwnState() {
        Plan plan = PlanRoundTrip.oneWay(COMMON, TRIGGER + DISABLED_2025,
                TRIGGER.replace("BEFORE INSERT", "BEFORE INSERT OR UPDATE") + DISABLED_2025);
        assertTrue(plan.sql().contains("DISABLE TRIGGER \"Audit\""), plan.sql());
    }

    @Test
    void aNewPartition_orOneAttachedAgain_getsItsOwnState() {
        String partition2026 = "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');"
                + "ALTER TABLE events_2026 DISABLE TRIGGER \"Audit\";";
        PlanRoundTrip.bothWays(COMMON + TRIGGER, "", partition2026);
        // new bounds: the partition is detached and attached again, which makes its copy of the trigger again
        String widened = COMMON.replace("TO ('2026-01-01')", "TO ('2026-07-01')");
        Plan rebound = PlanRoundTrip.oneWay("", COMMON + TRIGGER + DISABLED_2025, widened + TRIGGER + DISABLED_2025);
        assertTrue(rebound.sql().contains("ATTACH PARTITION") && rebound.sql().contains("DISABLE TRIGGER \"Audit\""),
                rebound.sql());
    }
}
