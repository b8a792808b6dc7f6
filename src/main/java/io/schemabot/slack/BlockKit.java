package io.schemabot.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schemabot.chat.Reply;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link Reply} as a Slack message within Slack's limits: a section holds 3,000 characters and a
 * message 50 blocks. Long text is split at line ends; code longer than {@link #MAX_INLINE_CODE} goes out as
 * a file instead, and the message says so.
 */
public final class BlockKit {
    static final int SECTION_LIMIT = 3000;
    static final int BLOCK_LIMIT = 50;
    static final int HEADER_LIMIT = 150;
    /** Beyond this, SQL in a message is hard to read and review: it becomes an attached file. */
    static final int MAX_INLINE_CODE = 3 * (SECTION_LIMIT - 8);
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private BlockKit() {
    }

    /** A file to upload beside the message. */
    public record Upload(String filename, String content) {
    }

    /** The message body (for response_url or chat.postMessage) and the files that go with it. */
    public record Rendered(ObjectNode message, List<Upload> uploads) {
        public ArrayNode blocks() {
            return (ArrayNode) message.get("blocks");
        }
    }

    public static Rendered render(Reply reply) {
        List<ObjectNode> blocks = new ArrayList<>();
        List<Upload> uploads = new ArrayList<>();
        if (reply.header() != null) {
            ObjectNode header = MAPPER.createObjectNode().put("type", "header");
            header.putObject("text").put("type", "plain_text").put("text", clip(reply.header(), HEADER_LIMIT));
            blocks.add(header);
        }
        for (Reply.Block block : reply.blocks()) {
            if (block instanceof Reply.Section s) {
                split(escape(s.text()).stripTrailing(), SECTION_LIMIT).forEach(part -> blocks.add(section(part)));
            } else if (block instanceof Reply.Fields f) {
                blocks.add(fields(f.items()));
            } else if (block instanceof Reply.Code c) {
                if (c.text().length() > MAX_INLINE_CODE) {
                    uploads.add(new Upload(c.title() == null ? "schemabot.txt" : c.title(), c.text()));
                    blocks.add(section("The full text is attached as `" + (c.title() == null ? "schemabot.txt" : c.title())
                            + "` (" + c.text().lines().count() + " lines)."));
                } else {
                    split(escape(c.text()).stripTrailing(), SECTION_LIMIT - 8).forEach(part -> blocks.add(section("```" + part + "```")));
                }
            } else if (block instanceof Reply.Context c) {
                ObjectNode context = MAPPER.createObjectNode().put("type", "context");
                context.putArray("elements").addObject().put("type", "mrkdwn").put("text", clip(escape(c.text()), 2000));
                blocks.add(context);
            } else if (block instanceof Reply.Buttons b) {
                ObjectNode actions = MAPPER.createObjectNode().put("type", "actions");
                ArrayNode elements = actions.putArray("elements");
                for (Reply.Button button : b.buttons()) {
                    ObjectNode e = elements.addObject().put("type", "button")
                            .put("action_id", "schemabot:" + button.verb()).put("value", button.requestId());
                    e.putObject("text").put("type", "plain_text").put("text", clip(button.label(), 75));
                    if (button.style() != null) {
                        e.put("style", button.style());
                    }
                }
                blocks.add(actions);
            }
        }
        if (blocks.size() > BLOCK_LIMIT) {
            int dropped = blocks.size() - (BLOCK_LIMIT - 1);
            blocks.subList(BLOCK_LIMIT - 1, blocks.size()).clear();
            blocks.add(section("_" + dropped + " more blocks did not fit in one message._"));
        }
        ObjectNode message = MAPPER.createObjectNode();
        message.put("response_type", reply.ephemeral() ? "ephemeral" : "in_channel");
        message.put("text", clip(escape(reply.header() == null ? "schemabot" : reply.header()), 3000));
        ArrayNode array = message.putArray("blocks");
        blocks.forEach(array::add);
        return new Rendered(message, uploads);
    }

    private static final java.util.regex.Pattern CHANNEL_LINK = java.util.regex.Pattern.compile("&lt;#([A-Z0-9]+)&gt;");

    /**
     * Slack reads &amp;, &lt; and &gt; as markup: a value from production such as {@code <!channel>} would ping the
     * channel and {@code a <> b} in SQL would vanish. Everything is escaped; only our own channel links survive.
     */
    static String escape(String text) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return CHANNEL_LINK.matcher(escaped).replaceAll("<#$1>");
    }

    private static ObjectNode section(String markdown) {
        ObjectNode section = MAPPER.createObjectNode().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", markdown.isEmpty() ? " " : markdown);
        return section;
    }

    private static ObjectNode fields(List<String> items) {
        ObjectNode section = MAPPER.createObjectNode().put("type", "section");
        ArrayNode fields = section.putArray("fields");
        items.stream().limit(10).forEach(i -> fields.addObject().put("type", "mrkdwn").put("text", clip(escape(i), 2000)));
        return section;
    }

    /** Splits at line ends into pieces of at most {@code limit} characters (a longer line is cut). */
    static List<String> split(String text, int limit) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            while (line.length() > limit) {
                if (current.length() > 0) {
                    parts.add(current.toString());
                    current.setLength(0);
                }
                parts.add(line.substring(0, limit));
                line = line.substring(limit);
            }
            if (current.length() + line.length() + 1 > limit && current.length() > 0) {
                parts.add(current.toString());
                current.setLength(0);
            }
            if (current.length() > 0) {
                current.append('\n');
            }
            current.append(line);
        }
        if (current.length() > 0 || parts.isEmpty()) {
            parts.add(current.toString());
        }
        return parts;
    }

    private static String clip(String s, int limit) {
        return s.length() <= limit ? s : s.substring(0, limit - 1) + "…";
    }
}
