package io.schemabot.chat;

import io.schemabot.approval.HotfixRequest;

/**
 * Where a hotfix request's life is told to the whole channel, beyond the person who asked: its message, kept
 * current, and each event a reply in that message's thread. The console has none: its transcript is the channel.
 */
public interface RequestNotices {
    /** Posts the proposal; returns false where there is no channel to post in (the asker then gets it whole). */
    boolean proposed(HotfixRequest request, Reply proposal);

    /** {@code event} happened to the request: said in its thread, and its message replaced by {@code current}. */
    void happened(HotfixRequest request, Reply event, Reply current);

    /** Something said later in the request's thread, its message unchanged (the health checks after a hotfix). */
    void followUp(HotfixRequest request, Reply reply);

    RequestNotices NONE = new RequestNotices() {
        @Override
        public boolean proposed(HotfixRequest request, Reply proposal) {
            return false;
        }

        @Override
        public void happened(HotfixRequest request, Reply event, Reply current) {
        }

        @Override
        public void followUp(HotfixRequest request, Reply reply) {
        }
    };
}
