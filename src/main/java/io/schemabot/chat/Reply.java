package io.schemabot.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * A message as the router writes it, before any transport renders it: Slack as Block Kit, the console as
 * text. Ephemeral replies are seen only by the person who typed the command.
 */
public record Reply(boolean ephemeral, String header, List<Block> blocks) {

    public Reply {
        blocks = List.copyOf(blocks);
    }

    /** The parts of a message. */
    public sealed interface Block {
    }

    /** Markdown-ish text (Slack mrkdwn: *bold*, `code`). */
    public record Section(String text) implements Block {
    }

    /** Short label/value pairs shown side by side. */
    public record Fields(List<String> items) implements Block {
        public Fields {
            items = List.copyOf(items);
        }
    }

    /** Preformatted text such as SQL; {@code title} names it (and the file, if it must be uploaded). */
    public record Code(String title, String text) implements Block {
    }

    /** Small grey print: who, when, correlation ids. */
    public record Context(String text) implements Block {
    }

    public record Buttons(List<Button> buttons) implements Block {
        public Buttons {
            buttons = List.copyOf(buttons);
        }
    }

    /** {@code verb} is what the router receives back as {@link Action#verb()}; {@code requestId} its subject. */
    public record Button(String label, String verb, String requestId, String style) {
    }

    public static Builder inChannel(String header) {
        return new Builder(false, header);
    }

    public static Builder ephemeral(String header) {
        return new Builder(true, header);
    }

    /** Collects blocks in order. */
    public static final class Builder {
        private final boolean ephemeral;
        private final String header;
        private final List<Block> blocks = new ArrayList<>();

        private Builder(boolean ephemeral, String header) {
            this.ephemeral = ephemeral;
            this.header = header;
        }

        /** A block of another reply, as it is. */
        public Builder block(Block block) {
            blocks.add(block);
            return this;
        }

        public Builder section(String text) {
            blocks.add(new Section(text));
            return this;
        }

        public Builder fields(List<String> items) {
            if (!items.isEmpty()) {
                blocks.add(new Fields(items));
            }
            return this;
        }

        public Builder code(String title, String text) {
            blocks.add(new Code(title, text));
            return this;
        }

        public Builder context(String text) {
            blocks.add(new Context(text));
            return this;
        }

        public Builder buttons(List<Button> buttons) {
            blocks.add(new Buttons(buttons));
            return this;
        }

        public Reply build() {
            return new Reply(ephemeral, header, blocks);
        }
    }
}
