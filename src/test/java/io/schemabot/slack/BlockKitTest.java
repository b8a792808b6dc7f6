package io.schemabot.slack;

import com.fasterxml.jackson.databind.JsonNode;
import io.schemabot.chat.Reply;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockKitTest {
    @Test
    void longTextIsSplitAtLineEndsIntoSectionsOf3000() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            text.append("line ").append(i).append(" of a long report\n");
        }
        BlockKit.Rendered r = BlockKit.render(Reply.inChannel("h").section(text.toString()).build());
        int total = 0;
        for (JsonNode block : r.blocks()) {
            String t = block.path("text").path("text").asText();
            assertTrue(t.length() <= 3000, "section of " + t.length());
            if (!block.path("type").asText().equals("header")) {
                assertTrue(t.endsWith("report") || t.isBlank(), "split at a line end: ..." + t.substring(Math.max(0, t.length() - 20)));
                total += t.length();
            }
        }
        assertTrue(r.blocks().size() > 3);
        assertTrue(total >= text.length() - 400, "nothing lost");
    }

    @Test
    void aMessageHoldsAtMost50Blocks() {
        Reply.Builder b = Reply.inChannel("many");
        for (int i = 0; i < 80; i++) {
            b.section("part " + i);
        }
        BlockKit.Rendered r = BlockKit.render(b.build());
        assertEquals(50, r.blocks().size());
        assertTrue(r.blocks().get(49).toString().contains("32 more blocks did not fit"), r.blocks().get(49).toString());
    }

    @Test
    void longCodeBecomesAnUploadAndShortCodeStaysInline() {
        String sql = "ALTER TABLE t ADD COLUMN c int;\n".repeat(400);
        BlockKit.Rendered big = BlockKit.render(Reply.inChannel("plan").code("hotfix.sql", sql).build());
        assertEquals(List.of(new BlockKit.Upload("hotfix.sql", sql)), big.uploads());
        assertTrue(big.blocks().toString().contains("attached as `hotfix.sql`"));
        BlockKit.Rendered small = BlockKit.render(Reply.inChannel("plan").code("x.sql", "SELECT 1;").build());
        assertTrue(small.uploads().isEmpty());
        assertEquals("```SELECT 1;```", small.blocks().get(1).at("/text/text").asText());
    }

    @Test
    void valuesFromProductionCannotPingOrHideSql() {
        BlockKit.Rendered r = BlockKit.render(Reply.inChannel("plan <!channel>")
                .section("e.g. <!channel> & <https://evil|click>")
                .code("x.sql", "CHECK (a <> b)")
                .section("Not here: use <#C0OPS>").build());
        String json = r.message().toString();
        assertTrue(json.contains("e.g. &lt;!channel&gt; &amp; &lt;https://evil|click&gt;"), json);
        assertTrue(json.contains("CHECK (a &lt;&gt; b)"), json);
        assertTrue(json.contains("use <#C0OPS>"), "our own channel link stays a link: " + json);
        assertTrue(r.message().get("text").asText().contains("&lt;!channel&gt;"));
    }

    @Test
    void ephemeralAndButtons() {
        BlockKit.Rendered r = BlockKit.render(Reply.ephemeral("ask").buttons(List.of(
                new Reply.Button("Approve", "approve", "req-1", "primary"))).build());
        assertEquals("ephemeral", r.message().get("response_type").asText());
        JsonNode button = r.blocks().get(1).at("/elements/0");
        assertEquals("schemabot:approve", button.get("action_id").asText());
        assertEquals("req-1", button.get("value").asText());
    }
}
