package io.schemabot.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.schemabot.diff.DiffResult;
import io.schemabot.testing.SchemaPair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 17, point 12: a missing table is shown with what it holds, as a changed table shows its details. */
class MissingTableReportTest {
    private static DiffResult diff;

    @BeforeAll
    static void diff() {
        diff = SchemaPair.of("CREATE TABLE documents (id int PRIMARY KEY)", "", """
                CREATE TABLE admin_activities (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, actor text NOT NULL,
                  document_id int REFERENCES documents (id) ON DELETE CASCADE, at timestamptz DEFAULT now(),
                  CONSTRAINT one_per_moment UNIQUE (actor, at));
                CREATE INDEX admin_activities_at_idx ON admin_activities (at)""").diff;
    }

    @Test
    void text_listsColumnsKeysAndForeignKeysUnderTheMissingTable_andItsIndexesAsTheirOwnLines() {
        String text = DiffReport.text(diff, "live", "expected");
        assertTrue(text.contains("""

                public.admin_activities
                  table public.admin_activities is missing
                    column id bigint NOT NULL GENERATED ALWAYS AS IDENTITY
                    column actor text NOT NULL
                    column document_id integer
                    column at timestamp with time zone DEFAULT now()
                    constraint admin_activities_pkey: PRIMARY KEY (id)
                    constraint one_per_moment: UNIQUE (actor, at)
                    constraint admin_activities_document_id_fkey: FOREIGN KEY (document_id) REFERENCES public.documents(id) ON DELETE CASCADE
                  index public.admin_activities_at_idx is missing: CREATE INDEX admin_activities_at_idx ON public.admin_activities USING btree (at)
                """), text);
    }

    @Test
    void json_carriesTheMissingTablesColumnsAndConstraintsAsFields() {
        JsonNode table = DiffReport.json(diff, "live", "expected").at("/changes/0");
        assertEquals("TableAdded", table.get("kind").asText());
        JsonNode contents = table.get("contents");
        assertEquals("id", contents.at("/columns/0/name").asText());
        assertEquals("bigint", contents.at("/columns/0/type").asText());
        assertTrue(contents.at("/columns/0/notNull").asBoolean());
        assertEquals("ALWAYS", contents.at("/columns/0/identity").asText());
        assertEquals("now()", contents.at("/columns/3/defaultExpression").asText());
        assertEquals("timestamp with time zone", contents.at("/columns/3/type").asText());
        assertEquals("PRIMARY_KEY", contents.at("/constraints/0/type").asText());
        assertEquals("PRIMARY KEY (id)", contents.at("/constraints/0/definition").asText());
        assertEquals("FOREIGN_KEY", contents.at("/constraints/2/type").asText());
        assertEquals("admin_activities_document_id_fkey", contents.at("/constraints/2/name").asText());
        // its indexes are changes of their own, which the planner creates them from
        JsonNode index = DiffReport.json(diff, "live", "expected").at("/changes/1");
        assertEquals("IndexAdded", index.get("kind").asText());
        assertEquals("public.admin_activities", index.get("table").asText());
    }
}
