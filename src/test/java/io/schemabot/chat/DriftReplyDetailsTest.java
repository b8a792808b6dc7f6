package io.schemabot.chat;

import io.schemabot.ops.Drift;
import io.schemabot.plan.Planner;
import io.schemabot.testing.SchemaPair;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 17 in chat: a missing table's section says what it holds (point 12); columns in another order are cosmetic
 * in the drift reply and left as is by the hotfix (point 10).
 */
class DriftReplyDetailsTest {

    @Test
    void diff_missingTable_listsItsColumnsAndKeysUnderIt() {
        SchemaPair pair = SchemaPair.of("", "", "CREATE TABLE admin_activities (id bigserial PRIMARY KEY, actor text NOT NULL)");
        Reply reply = Replies.diff("production", new Drift(pair.diff, "live", "expected"), "/schemabot");
        assertEquals("""
                *public.admin_activities*
                • table public.admin_activities is missing
                    column id bigint NOT NULL DEFAULT nextval('public.admin_activities_id_seq'::regclass)
                    column actor text NOT NULL
                    constraint admin_activities_pkey: PRIMARY KEY (id)""", sections(reply).get(0));
    }

    @Test
    void diffAndHotfix_columnsInAnotherOrder_areCosmeticAndLeftAsIs() {
        SchemaPair pair = SchemaPair.of("", "CREATE TABLE t (a int, b int)", "CREATE TABLE t (b int, a int)");
        Reply diff = Replies.diff("production", new Drift(pair.diff, "live", "expected"), "/schemabot");
        assertEquals("production: no drift from its migrations", diff.header());
        assertEquals(List.of("*Cosmetic (not planned):*\n• columns of public.t are in another order (a, b; expected b, a):"
                + " cosmetic, not planned"), sections(diff));
        Reply hotfix = Replies.hotfix("production", Planner.plan(pair.diff, pair.from, pair.to));
        assertEquals("production: nothing to fix — the schema matches its migrations", hotfix.header());
        assertEquals(List.of("*Left as is:*\n• column order of public.t (cosmetic; changing it rewrites the table)"),
                sections(hotfix));
    }

    static List<String> sections(Reply reply) {
        return reply.blocks().stream().filter(b -> b instanceof Reply.Section).map(b -> ((Reply.Section) b).text())
                .toList();
    }
}
