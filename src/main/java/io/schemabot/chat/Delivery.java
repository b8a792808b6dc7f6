package io.schemabot.chat;

import java.util.function.Consumer;

/** What becomes of one asker's command: a record when its work starts, where its phases go, and its answer. */
public interface Delivery {
    /** The one answer: the work's reply, or the late reply at the deadline. */
    void answer(Reply reply);

    /** The work began (it may never, when the deadline passes while it waits for a worker). */
    default void started() {
    }

    /** A phase the work reached; called on the work's thread, never after {@link #answer}. */
    default void progress(String phase) {
    }

    static Delivery of(Consumer<Reply> answer) {
        return answer::accept;
    }
}
