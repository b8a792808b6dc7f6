package io.schemabot.execute;

import io.schemabot.diff.SchemaDiff;
import io.schemabot.plan.Plan;
import io.schemabot.plan.PlanOptions;
import io.schemabot.plan.Planner;
import io.schemabot.plan.Step;
import io.schemabot.schema.Snapshot;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conversions that change a value's text (a scale, a time zone, a label) are proven against what the conversion
 * promises, not against the old text; a step that does something else than its conversion says is rolled back.
 */
class ConversionProofTest {
    private final Executor executor = new Executor(IncidentTarget.settings(0), Pause.REAL);

    @Test
    void numbersGainingAScale_areProvenAgainstTheirConvertedText() {
        Run run = run("conv_scale", "CREATE TABLE prices (id int PRIMARY KEY, amount int);"
                        + " INSERT INTO prices SELECT g, g * 7 FROM generate_series(1, 500) g;"
                        + " INSERT INTO prices VALUES (501, NULL)",
                "CREATE TABLE prices (id int PRIMARY KEY, amount numeric(12,2))", PlanOptions.defaults());

        assertEquals(Execution.Outcome.SUCCEEDED, run.execution().outcome(), run.execution().message());
        Proof.ColumnChecksum amount = run.execution().proof().columns().get(0);
        assertEquals("amount", amount.column());
        assertTrue(amount.equal() && amount.before().startsWith("500 values, sum "), amount.toString());
        assertEquals("7.00", run.prod().queryString("SELECT amount::text FROM prices WHERE id = 1"));
    }

    /** The plan converts wall-clock times in the zone it names; the proof reads both sides in that zone. */
    @Test
    void wallClockTimesBecomingInstants_areProvenInThePlansTimeZone() {
        Run run = run("conv_zone", "CREATE TABLE events (id int PRIMARY KEY, at timestamp);"
                        + " INSERT INTO events SELECT g, timestamp '2026-03-29 00:30' + g * interval '17 minutes'"
                        + " FROM generate_series(1, 300) g",
                "CREATE TABLE events (id int PRIMARY KEY, at timestamptz)",
                PlanOptions.defaults().withTimeZone("Europe/Berlin"));

        assertEquals(Execution.Outcome.SUCCEEDED, run.execution().outcome(), run.execution().message());
        assertTrue(run.execution().proof().columns().get(0).equal(), run.execution().proof().toString());
        assertEquals("2026-03-28 23:47:00", run.prod().queryString(
                "SELECT (at AT TIME ZONE 'UTC')::text FROM events WHERE id = 1"));
    }

    /** An enum the plan itself creates: its values can be computed only once the type exists. */
    @Test
    void textBecomingAnEnumThePlanCreates_isProvenJustBeforeItsStep() {
        Run run = run("conv_enum", "CREATE TABLE tickets (id int PRIMARY KEY, state text);"
                        + " INSERT INTO tickets SELECT g, (ARRAY['open', 'closed'])[1 + g % 2] FROM generate_series(1, 200) g",
                "CREATE TYPE ticket_state AS ENUM ('open', 'closed');"
                        + " CREATE TABLE tickets (id int PRIMARY KEY, state ticket_state)", PlanOptions.defaults());

        assertEquals(Execution.Outcome.SUCCEEDED, run.execution().outcome(), run.execution().message());
        Proof proof = run.execution().proof();
        assertEquals(List.of(new Proof.TableRows("public.tickets", 200L, 200L)), proof.tables());
        assertTrue(proof.columns().get(0).equal() && proof.columns().get(0).before().startsWith("200 values"),
                proof.toString());
    }

    /** The proof holds a step to the conversion it declares: SQL that converts otherwise is rolled back. */
    @Test
    void aStepWhoseValuesDifferFromItsDeclaredConversion_failsTheProof_andIsRolledBack() {
        try (TestDatabase prod = EmbeddedPg.createDatabase("conv_lie")) {
            prod.exec("CREATE TABLE prices (id int PRIMARY KEY, amount int);"
                    + " INSERT INTO prices SELECT g, g FROM generate_series(1, 100) g");
            String base = prod.snapshot().fingerprint();
            Step doubling = new Step("alter table public.prices",
                    "ALTER TABLE public.prices ALTER COLUMN amount TYPE numeric(12,2) USING amount * 2;",
                    List.of("public.prices"), List.of(), List.of(new Step.Conversion("public.prices", List.of("amount"),
                    List.of("CAST((amount::numeric(12,2)) AS numeric(12,2))"), null)));
            Plan plan = new Plan(List.of(doubling), List.of(), base, base, PlanOptions.defaults());

            Execution run = executor.run(prod.url(), plan, null, null, Listener.NONE);

            assertEquals(Execution.Outcome.FAILED, run.outcome());
            assertTrue(run.message().startsWith("proof failed: the values of public.prices.amount changed"),
                    run.message());
            assertFalse(run.proof().columns().get(0).equal());
            assertEquals("integer", prod.queryString("SELECT data_type FROM information_schema.columns"
                    + " WHERE table_name = 'prices' AND column_name = 'amount'"));
        }
    }

    private record Run(TestDatabase prod, Execution execution) {
    }

    private Run run(String name, String production, String expected, PlanOptions options) {
        TestDatabase prod = EmbeddedPg.createDatabase(name);
        try (TestDatabase exp = EmbeddedPg.createDatabase(name + "_exp")) {
            prod.exec(production);
            exp.exec(expected);
            Snapshot from = prod.snapshot();
            Snapshot to = exp.snapshot();
            Plan plan = Planner.plan(SchemaDiff.between(from, to), from, to, options);
            Execution execution = executor.run(prod.url(), plan, null, null, Listener.NONE);
            if (execution.succeeded()) {
                assertEquals(Proof.NO_DRIFT, execution.proof().driftAfter());
            }
            return new Run(prod, execution);
        }
    }
}
