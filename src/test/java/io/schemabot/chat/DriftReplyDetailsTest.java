package io.schemabot.chat;

import io.schemabot.ops.Drift;
import io.schemabot.testing.SchemaPair;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 17, point 12 in chat: a missing table's reply section says what it holds. */
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

    static List<String> sections(Reply reply) {
        return reply.blocks().stream().filter(b -> b instanceof Reply.Section).map(b -> ((Reply.Section) b).text())
                .toList();
    }
}
