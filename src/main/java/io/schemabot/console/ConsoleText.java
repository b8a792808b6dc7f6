package io.schemabot.console;

import io.schemabot.chat.Reply;

import java.util.Map;

/** Renders a {@link Reply} as plain text: what the console shows and what notifications fall back to. */
public final class ConsoleText {
    private ConsoleText() {
    }

    /** Slack's emoji names, as a terminal shows them. */
    private static final Map<String, String> EMOJI = Map.of(":red_circle:", "🔴", ":large_green_circle:", "🟢",
            ":large_yellow_circle:", "🟡", ":white_check_mark:", "✅", ":hourglass:", "⏳");

    /**
     * Slack's *bold* reads as noise on a terminal; a date Slack would localise shows its fallback text; an emoji
     * name shows as the emoji.
     */
    static String plain(String mrkdwn) {
        String text = mrkdwn.replaceAll("(?m)(^|[\\s(])\\*([^*\n]+)\\*", "$1$2")
                .replaceAll("<!date\\^[^|>]*\\|([^>]*)>", "$1")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        for (Map.Entry<String, String> e : EMOJI.entrySet()) {
            text = text.replace(e.getKey(), e.getValue());
        }
        return text;
    }

    public static String render(Reply reply) {
        StringBuilder out = new StringBuilder();
        if (reply.header() != null) {
            out.append(reply.header()).append(reply.ephemeral() ? "  (only you can see this)" : "").append('\n');
        }
        for (Reply.Block block : reply.blocks()) {
            if (block instanceof Reply.Section s) {
                out.append(plain(s.text())).append('\n');
            } else if (block instanceof Reply.Fields f) {
                f.items().forEach(i -> out.append("  ").append(plain(i).replace("\n", " ")).append('\n'));
            } else if (block instanceof Reply.Code c) {
                if (c.title() != null) {
                    out.append("[").append(c.title()).append("]\n");
                }
                c.text().lines().forEach(l -> out.append("    ").append(l).append('\n'));
            } else if (block instanceof Reply.Context c) {
                out.append("  -- ").append(c.text()).append('\n');
            } else if (block instanceof Reply.Buttons b) {
                b.buttons().forEach(btn -> out.append("  [").append(btn.label()).append("]  type: ")
                        .append(btn.verb()).append(' ').append(btn.requestId()).append('\n'));
            }
        }
        return out.toString();
    }
}
