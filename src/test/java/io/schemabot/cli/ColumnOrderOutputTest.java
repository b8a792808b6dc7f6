package io.schemabot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemabot.testing.CliRun;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, point 10 as the command line shows it: columns in another order are a cosmetic difference in the diff,
 * and a note of the plan, which is empty when that is all; neither counts as drift in the exit status.
 */
class ColumnOrderOutputTest {
    private static final String NOTE = "column order of public.t (cosmetic; changing it rewrites the table)";
    static TestDatabase live;
    static TestDatabase expected;

    @BeforeAll
    static void build() {
        live = EmbeddedPg.createDatabase("order_live").exec("CREATE TABLE t (a int, b int, c int)");
        expected = EmbeddedPg.createDatabase("order_expected").exec("CREATE TABLE t (a int, c int, b int)");
    }

    @AfterAll
    static void drop() {
        live.close();
        expected.close();
    }

    @Test
    void diffText_listsTheOrderUnderCosmetic_andExitsZero() {
        CliRun run = CliRun.of("diff", "--from", live.jdbcUrl(), "--to", expected.jdbcUrl());
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().startsWith("No differences"), run.out());
        assertTrue(run.out().endsWith("\n\nCosmetic (not planned):\n  columns of public.t are in another order"
                + " (a, b, c; expected a, c, b): cosmetic, not planned\n"), run.out());
    }

    @Test
    void diffJson_carriesTheOrderAsACosmeticEntry_notAsAChange() throws Exception {
        CliRun run = CliRun.of("diff", "--from", live.jdbcUrl(), "--to", expected.jdbcUrl(), "--format", "json");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(0, json.get("changes").size());
        assertEquals("ColumnOrderDiffers", json.at("/cosmetic/0/kind").asText());
        assertEquals("public.t", json.at("/cosmetic/0/table").asText());
        assertEquals("[\"a\",\"b\",\"c\"]", json.at("/cosmetic/0/fromOrder").toString());
        assertEquals("[\"a\",\"c\",\"b\"]", json.at("/cosmetic/0/toOrder").toString());
    }

    @Test
    void planInEveryFormat_isEmptyButNamesWhatItLeavesAsIs() throws Exception {
        CliRun sql = CliRun.of("plan", "--from", live.jdbcUrl(), "--to", expected.jdbcUrl(), "--format", "sql");
        assertEquals("-- nothing to do: the schemas match\n-- left as is: " + NOTE + "\n", sql.out());
        CliRun text = CliRun.of("plan", "--from", live.jdbcUrl(), "--to", expected.jdbcUrl());
        assertEquals("Nothing to do: the schemas match but for what is left as is.\nLeft as is (not planned):\n  "
                + NOTE + "\n", text.out());
        CliRun json = CliRun.of("plan", "--from", live.jdbcUrl(), "--to", expected.jdbcUrl(), "--format", "json");
        JsonNode plan = new ObjectMapper().readTree(json.out());
        assertTrue(plan.get("empty").asBoolean());
        assertEquals(NOTE, plan.at("/notes/0").asText());
        assertEquals(0, sql.status() + text.status() + json.status(), sql.err() + text.err() + json.err());
    }
}
