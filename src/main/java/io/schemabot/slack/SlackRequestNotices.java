package io.schemabot.slack;

import io.schemabot.approval.HotfixRequest;
import io.schemabot.chat.Reply;
import io.schemabot.chat.RequestNotices;
import io.schemabot.ops.Hotfixes;

/**
 * A request's message in the ops channel: posted with chat.postMessage (its ts kept in the store, so any replica
 * can update it), kept current with chat.update, and each event a reply in its thread.
 */
public final class SlackRequestNotices implements RequestNotices {
    private final SlackResponder responder;
    private final Hotfixes hotfixes;
    private final String channel;

    public SlackRequestNotices(SlackResponder responder, Hotfixes hotfixes, String channel) {
        this.responder = responder;
        this.hotfixes = hotfixes;
        this.channel = channel;
    }

    @Override
    public boolean proposed(HotfixRequest request, Reply proposal) {
        String ts = responder.post(channel, null, BlockKit.render(proposal));
        if (ts == null) {
            return false; // Slack refused: the asker gets the proposal in full instead
        }
        hotfixes.setMessageTs(request.id(), ts);
        return true;
    }

    @Override
    public void happened(HotfixRequest request, Reply event, Reply current) {
        String ts = hotfixes.find(request.id()).map(HotfixRequest::messageTs).orElse(null);
        if (ts == null) {
            return;
        }
        responder.post(channel, ts, BlockKit.render(event));
        responder.update(channel, ts, BlockKit.render(current));
    }

    @Override
    public void followUp(HotfixRequest request, Reply reply) {
        hotfixes.find(request.id()).map(HotfixRequest::messageTs)
                .ifPresent(ts -> responder.post(channel, ts, BlockKit.render(reply)));
    }
}
