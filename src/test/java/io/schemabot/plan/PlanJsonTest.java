package io.schemabot.plan;

import io.schemabot.diff.SchemaDiff;
import io.schemabot.schema.Snapshot;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.Incident;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A plan kept between approval and execution reads back as the very plan approved, or not at all. */
class PlanJsonTest {
    @Test
    void theIncidentPlanReadsBackWithTheSameSqlHashStepsAndChecks_andATamperedOneIsRefused() {
        try (TestDatabase prod = EmbeddedPg.createDatabase("json_prod"); TestDatabase expected = EmbeddedPg.createDatabase("json_exp")) {
            prod.exec(Incident.PRODUCTION).exec(Incident.rows(10));
            expected.exec(Incident.EXPECTED);
            Snapshot from = prod.snapshot();
            Snapshot to = expected.snapshot();
            Plan plan = Planner.plan(SchemaDiff.between(from, to), from, to);
            Plan back = PlanJson.read(PlanJson.write(plan));
            assertEquals(plan, back);
            assertEquals(plan.hash(), back.hash());
            assertEquals(plan.sql(), back.sql());

            String tampered = PlanJson.write(plan).replace("USING id::text", "USING md5(id::text)");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlanJson.read(tampered));
            assertTrue(e.getMessage().contains("changed after it was made"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> PlanJson.read("{\"steps\": []}"));
        }
    }
}
