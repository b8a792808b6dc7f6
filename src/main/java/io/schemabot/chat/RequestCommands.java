package io.schemabot.chat;

import io.schemabot.approval.Decision;
import io.schemabot.approval.State;
import io.schemabot.ops.Hotfixes;

/** The hotfix request verbs in chat: a hotfix becomes a request; approve, reject, withdraw, cancel, execute it. */
final class RequestCommands {
    private final Hotfixes hotfixes;
    private final String command;
    private final RequestNotices notices;
    /** Null where no health monitor runs (the command line, tests without one). */
    private final HealthAfterHotfix healthAfter;

    RequestCommands(Hotfixes hotfixes, String command, RequestNotices notices, HealthAfterHotfix healthAfter) {
        this.hotfixes = hotfixes;
        this.command = command;
        this.notices = notices;
        this.healthAfter = healthAfter;
    }

    /** The proposal goes to the channel as the request's own message; its proposer is told where it is. */
    Reply propose(Parsed p) {
        Hotfixes.Proposed proposed = hotfixes.propose(p.target(), p.invocation().userId(), p.invocation().channelId(),
                p.allowDataLoss());
        if (proposed.request() == null) {
            return Replies.hotfix(p.target().name(), proposed.plan(), p.target().ignoredGrantees());
        }
        Reply proposal = RequestReplies.proposal(proposed.request(), proposed.plan(), command);
        return notices.proposed(proposed.request(), proposal)
                ? Reply.ephemeral("Hotfix request " + proposed.request().id() + " for " + p.target().name()
                        + " is posted in the channel").section("Two approvers other than you decide on it there.").build()
                : proposal;
    }

    Reply run(Parsed p) {
        String id = p.requestId();
        String user = p.invocation().userId();
        String channel = p.invocation().channelId();
        return switch (p.verb()) {
            case APPROVE -> approve(id, user, channel);
            case REJECT -> told(RequestReplies.decision(hotfixes.reject(id, user, channel, p.argument()), "reject"), id, user);
            case WITHDRAW -> told(RequestReplies.decision(hotfixes.withdraw(id, user, channel), "withdraw"), id, user);
            case CANCEL -> told(RequestReplies.decision(hotfixes.cancel(id, user, channel), "cancel"), id, user);
            case EXECUTE -> {
                Hotfixes.Executed e = hotfixes.execute(id, user, channel, started(user));
                Reply reply = told(executed(e), id, user);
                followWithHealth(e); // after the outcome, so the thread reads in the order things happened
                yield reply;
            }
            case REQUESTS -> RequestReplies.open(hotfixes.open());
            case REPORT -> Reply.inChannel("Report of hotfix request " + id).code("report-" + id + ".md",
                    hotfixes.report(id)).build();
            case AUDIT -> RequestReplies.audit(hotfixes.events(Integer.parseInt(p.argument())));
            default -> throw new IllegalArgumentException(p.verb() + " is no request verb");
        };
    }

    /** With approval.autoExecute, the approval that completes the quorum executes the plan, as its approver. */
    private Reply approve(String id, String user, String channel) {
        Decision d = hotfixes.approve(id, user, channel);
        Reply approved = RequestReplies.decision(d, "approve");
        if (!d.accepted() || d.request().state() != State.APPROVED || !hotfixes.executesOnQuorum()) {
            return told(approved, id, user);
        }
        Hotfixes.Executed e = hotfixes.execute(id, user, channel, started(user));
        Reply executed = executed(e);
        Reply.Builder both = executed.ephemeral() ? Reply.ephemeral(executed.header()) : Reply.inChannel(executed.header());
        approved.blocks().forEach(both::block);
        executed.blocks().forEach(both::block);
        Reply reply = told(both.build(), id, user);
        followWithHealth(e);
        return reply;
    }

    /** A hotfix that executed is followed, in its thread, by what its target's health checks find now. */
    private void followWithHealth(Hotfixes.Executed e) {
        if (healthAfter != null && e.refusal() == null && e.execution().succeeded()) {
            healthAfter.check(e.request(), notices);
        }
    }

    /**
     * What the channel hears of a command on a request: a reply in the request's thread (a refusal as one line
     * naming who was refused and why; its asker also gets it alone), and its message showing the state now.
     */
    private Reply told(Reply reply, String id, String user) {
        hotfixes.find(id).ifPresent(request -> notices.happened(request, reply.ephemeral()
                        ? Reply.inChannel(user + ": " + reply.header()).section(reply.blocks().stream()
                                .filter(b -> b instanceof Reply.Section).map(b -> ((Reply.Section) b).text())
                                .findFirst().orElse("")).build()
                        : reply,
                RequestReplies.proposal(request, io.schemabot.plan.PlanJson.read(request.planJson()), command)));
        return reply;
    }

    /** Once a run wins its claim, the channel sees it executing (no buttons left) before the outcome comes. */
    private java.util.function.Consumer<io.schemabot.approval.HotfixRequest> started(String user) {
        return request -> notices.happened(request, Reply.inChannel(user + " started executing hotfix request "
                + request.id() + " on " + request.target()).build(),
                RequestReplies.proposal(request, io.schemabot.plan.PlanJson.read(request.planJson()), command));
    }

    boolean knows(String id) {
        return hotfixes.find(id).isPresent();
    }

    private static Reply executed(Hotfixes.Executed e) {
        return e.refusal() != null ? RequestReplies.decision(e.refusal(), "execute")
                : RequestReplies.execution(e.request(), e.execution());
    }
}
