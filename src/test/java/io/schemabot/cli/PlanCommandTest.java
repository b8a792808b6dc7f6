package io.schemabot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemabot.testing.CliRun;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.Incident;
import io.schemabot.testing.TestDatabase;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanCommandTest {
    static TestDatabase prod;
    static TestDatabase expected;

    @BeforeAll
    static void build() {
        prod = EmbeddedPg.createDatabase("plan_prod").exec(Incident.PRODUCTION).exec(Incident.rows(100));
        expected = EmbeddedPg.createDatabase("plan_exp").exec(Incident.EXPECTED);
    }

    @AfterAll
    static void drop() {
        prod.close();
        expected.close();
    }

    @Test
    void sqlFormatIsTheScriptOnlyAndExitsOne() {
        CliRun run = CliRun.of("plan", "--from", prod.jdbcUrl(), "--to", expected.jdbcUrl(), "--format", "sql",
                "--lock-timeout", "3s", "--statement-timeout", "2min");
        assertEquals(1, run.status(), run.err());
        assertTrue(run.out().startsWith("-- schemabot plan"), run.out());
        assertTrue(run.out().contains("\nBEGIN;\nSET LOCAL lock_timeout = '3s';\nSET LOCAL statement_timeout = '2min';\n"));
        // what the transaction adds NOT VALID is validated after its COMMIT, under session settings, for psql
        String afterCommit = run.out().substring(run.out().indexOf("\nCOMMIT;\n"));
        assertTrue(afterCommit.contains("\nSET lock_timeout = '3s';\nSET statement_timeout = '2min';\n"), run.out());
        assertTrue(afterCommit.endsWith("\nALTER TABLE public.documents VALIDATE CONSTRAINT"
                + " documents_parent_document_id_fkey;\n"), run.out());
        assertFalse(run.out().contains("Data checks"));
    }

    @Test
    void textShowsHazardsAndDataCheckResults() {
        CliRun run = CliRun.of("plan", "--from", prod.jdbcUrl(), "--to", expected.jdbcUrl());
        assertEquals(1, run.status(), run.err());
        assertTrue(run.out().contains("Hazards: TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK, FAILS_ON_DATA"), run.out());
        assertTrue(run.out().contains("[ok]   values of public.documents.id longer than 36 characters: ok: 0 rows"), run.out());
    }

    @Test
    void jsonHasStepsHazardsChecksHashAndBaseFingerprint() throws Exception {
        CliRun run = CliRun.of("plan", "--from", prod.jdbcUrl(), "--to", expected.jdbcUrl(), "--format", "json");
        assertEquals(1, run.status(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(64, json.get("hash").asText().length());
        assertEquals(prod.snapshot().fingerprint(), json.get("baseFingerprint").asText());
        assertTrue(json.get("steps").size() > 5);
        assertTrue(json.at("/steps/0/sql").asText().length() > 0);
        assertTrue(json.get("hazards").size() > 0);
        assertEquals(3, json.get("checks").size());
        assertTrue(json.at("/checks/0/passed").asBoolean());
        assertFalse(json.get("needsExplicitConsent").asBoolean());
    }

    @Test
    void nothingToDoExitsZero() {
        try (TestDatabase twin = EmbeddedPg.createDatabase("plan_twin").exec(Incident.PRODUCTION)) {
            CliRun run = CliRun.of("plan", "--from", prod.jdbcUrl(), "--to", twin.jdbcUrl(), "--format", "sql");
            assertEquals(0, run.status(), run.err());
            assertTrue(run.out().startsWith("-- nothing to do"));
        }
    }

    @Test
    void dataLossIsMarked() {
        CliRun run = CliRun.of("plan", "--from", expected.jdbcUrl(), "--to", prod.jdbcUrl(), "--format", "json");
        assertEquals(1, run.status(), run.err());
        assertTrue(run.out().contains("\"dataLoss\" : true"), run.out());
        assertTrue(run.out().contains("\"needsExplicitConsent\" : true"));
    }

    @Test
    void badDurationIsAUsageError() {
        CliRun run = CliRun.of("plan", "--from", prod.jdbcUrl(), "--to", expected.jdbcUrl(), "--lock-timeout", "soon");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("'soon' is not a duration"), run.err());
        assertTrue(CliRun.of("plan", "--help").out().contains("Usage: schemabot plan"));
    }

    @Test
    void timeoutsPostgresWouldReadAsNoLimitOrMisreadAreRefused() {
        for (String[] bad : List.of(new String[] {"--lock-timeout", "0s"}, new String[] {"--statement-timeout", "0min"},
                new String[] {"--lock-timeout", "30d"})) {
            CliRun run = CliRun.of("plan", "--from", prod.jdbcUrl(), "--to", expected.jdbcUrl(), bad[0], bad[1]);
            assertEquals(2, run.status(), String.join(" ", bad));
            assertTrue(run.err().contains("must be between 1ms and 24d"), run.err());
            assertEquals("", run.out());
        }
        CliRun unitless = CliRun.of("plan", "--from", prod.jdbcUrl(), "--to", expected.jdbcUrl(), "--lock-timeout", "5");
        assertEquals(2, unitless.status());
        assertTrue(unitless.err().contains("'5' is not a duration; write e.g. 500ms, 5s"), unitless.err());
    }
}
