package io.schemabot.chat;

import io.schemabot.approval.Decision;
import io.schemabot.approval.State;
import io.schemabot.ops.Hotfixes;

/** The hotfix request verbs in chat: a hotfix becomes a request; approve, reject, withdraw, cancel, execute it. */
final class RequestCommands {
    private final Hotfixes hotfixes;
    private final String command;

    RequestCommands(Hotfixes hotfixes, String command) {
        this.hotfixes = hotfixes;
        this.command = command;
    }

    Reply propose(Parsed p) {
        Hotfixes.Proposed proposed = hotfixes.propose(p.target(), p.invocation().userId(), p.invocation().channelId(),
                p.allowDataLoss());
        return proposed.request() == null ? Replies.hotfix(p.target().name(), proposed.plan())
                : RequestReplies.proposal(proposed.request(), proposed.plan(), command);
    }

    Reply run(Parsed p) {
        String id = p.requestId();
        String user = p.invocation().userId();
        String channel = p.invocation().channelId();
        return switch (p.verb()) {
            case APPROVE -> approve(id, user, channel);
            case REJECT -> RequestReplies.decision(hotfixes.reject(id, user, channel, p.reason()), "reject");
            case WITHDRAW -> RequestReplies.decision(hotfixes.withdraw(id, user, channel), "withdraw");
            case CANCEL -> RequestReplies.decision(hotfixes.cancel(id, user, channel), "cancel");
            case EXECUTE -> executed(hotfixes.execute(id, user, channel));
            case REQUESTS -> RequestReplies.open(hotfixes.open());
            case REPORT -> Reply.inChannel("Report of hotfix request " + id).code("report-" + id + ".md",
                    hotfixes.report(id)).build();
            case AUDIT -> RequestReplies.audit(hotfixes.events(Integer.parseInt(p.reason())));
            default -> throw new IllegalArgumentException(p.verb() + " is no request verb");
        };
    }

    /** With approval.autoExecute, the approval that completes the quorum executes the plan, as its approver. */
    private Reply approve(String id, String user, String channel) {
        Decision d = hotfixes.approve(id, user, channel);
        Reply approved = RequestReplies.decision(d, "approve");
        if (!d.accepted() || d.request().state() != State.APPROVED || !hotfixes.executesOnQuorum()) {
            return approved;
        }
        Reply executed = executed(hotfixes.execute(id, user, channel));
        Reply.Builder both = executed.ephemeral() ? Reply.ephemeral(executed.header()) : Reply.inChannel(executed.header());
        approved.blocks().forEach(both::block);
        executed.blocks().forEach(both::block);
        return both.build();
    }

    boolean knows(String id) {
        return hotfixes.find(id).isPresent();
    }

    private static Reply executed(Hotfixes.Executed e) {
        return e.refusal() != null ? RequestReplies.decision(e.refusal(), "execute")
                : RequestReplies.execution(e.request(), e.execution());
    }
}
