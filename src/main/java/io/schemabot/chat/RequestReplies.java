package io.schemabot.chat;

import io.schemabot.Durations;
import io.schemabot.approval.Decision;
import io.schemabot.approval.HotfixRequest;
import io.schemabot.execute.Execution;
import io.schemabot.execute.Proof;
import io.schemabot.plan.Plan;

import java.util.List;

/** Chat replies for hotfix requests: the proposal with its buttons, decisions, the proof card, the open list. */
final class RequestReplies {
    private RequestReplies() {
    }

    /**
     * The proposal, as the approvers read it: its notification text begins with "Hotfix request ID" (scripts rely
     * on it), consent for data loss stands in bold, and the buttons carry the request id.
     */
    static Reply proposal(HotfixRequest request, Plan plan, String command) {
        Reply hotfix = Replies.hotfix(request.target(), plan);
        Reply.Builder r = Reply.inChannel("Hotfix request " + request.id() + " for " + request.target() + ": "
                + hotfix.header().substring(hotfix.header().indexOf(": ") + 2));
        if (request.allowDataLoss()) {
            r.section("*Proposed with --allow-data-loss: this plan " + (request.blocked()
                    ? "has BLOCKING steps and can never be executed" : "LOSES DATA") + "; read its hazards before approving.*");
        }
        r.section("Proposed by " + request.proposer() + ". It needs " + request.required() + " approvals from"
                + " approvers other than the proposer before it can run, and expires at "
                + request.expiresAt() + ".");
        r.section("*State:* " + request.state().phrase() + " · approvals " + request.approvers().size() + " of "
                + request.required() + (request.approvers().isEmpty() ? "" : ": " + String.join(", ", request.approvers())));
        hotfix.blocks().forEach(r::block);
        if (request.state().awaitsDecision()) {
            r.buttons(List.of(new Reply.Button("Approve", "approve", request.id(), "primary"),
                    new Reply.Button("Reject", "reject", request.id(), "danger"),
                    new Reply.Button("Execute", "execute", request.id(), null),
                    new Reply.Button("Cancel", "cancel", request.id(), null)));
        }
        return r.context("`" + command + " approve " + request.id() + "` does the same as the button").build();
    }

    /** An accepted decision is news for the channel; a refusal is for its asker alone. */
    static Reply decision(Decision d, String verb) {
        if (!d.accepted()) {
            return Reply.ephemeral("Not " + past(verb)).section(d.message()).build();
        }
        HotfixRequest request = d.request();
        return Reply.inChannel("Hotfix request " + request.id() + ": " + request.state().phrase())
                .section(d.message()).build();
    }

    static Reply execution(HotfixRequest request, Execution e) {
        Reply.Builder r = (e.succeeded() ? Reply.inChannel("Hotfix request " + request.id() + " executed: "
                + request.target() + " repaired") : Reply.inChannel("Hotfix request " + request.id() + " "
                + e.outcome().name().toLowerCase(java.util.Locale.ROOT))).section(e.message());
        Proof p = e.proof();
        if (p != null) {
            StringBuilder card = new StringBuilder("*Proof:*\n");
            p.tables().forEach(t -> card.append("• ").append(t.table()).append(": ").append(t.before()).append(" rows before, ")
                    .append(t.after()).append(" after").append(t.equal() ? " ✅" : " ❌").append('\n'));
            p.columns().forEach(c -> card.append("• ").append(c.table()).append('.').append(c.column())
                    .append(": checksum ").append(c.equal() ? "equal ✅" : "differs ❌").append('\n'));
            p.validations().forEach(v -> card.append("• ").append(v.title()).append(v.passed() ? ": done "
                    + Durations.human(v.finishedAfter()) + " into the run ✅" : ": " + v.failure() + " ❌").append('\n'));
            card.append("• exclusive locks held ").append(Durations.human(p.exclusiveLocksHeld())).append(", total ")
                    .append(Durations.human(p.total())).append(" (proof ").append(Durations.human(p.proving()))
                    .append(", ").append(p.provingPercent()).append("% of it)\n");
            card.append("• drift: ").append(p.driftAfter());
            r.section(card.toString());
        }
        e.attempts().stream().filter(a -> !a.blockers().isEmpty()).forEach(a -> r.section("Attempt " + a.number()
                + " waited for: " + String.join("; ", a.blockers().stream().map(b -> b.describe()).toList())));
        return r.build();
    }

    static Reply open(List<HotfixRequest> requests) {
        if (requests.isEmpty()) {
            return Reply.ephemeral("No open hotfix requests").build();
        }
        StringBuilder lines = new StringBuilder();
        requests.forEach(q -> lines.append("• `").append(q.id()).append("` ").append(q.target()).append(": ")
                .append(q.state().phrase()).append(", ").append(q.approvers().size()).append(" of ")
                .append(q.required()).append(" approvals, proposed by ").append(q.proposer()).append('\n'));
        return Reply.ephemeral("Open hotfix requests").section(lines.toString().strip()).build();
    }

    static Reply audit(List<io.schemabot.approval.RequestEvent> events) {
        if (events.isEmpty()) {
            return Reply.ephemeral("No hotfix request events yet").build();
        }
        StringBuilder lines = new StringBuilder();
        events.forEach(e -> lines.append(e.line()).append('\n'));
        return Reply.ephemeral("Hotfix request events").code("audit.txt", lines.toString()).build();
    }

    private static String past(String verb) {
        return switch (verb) {
            case "approve" -> "approved";
            case "reject" -> "rejected";
            case "withdraw" -> "withdrawn";
            case "cancel" -> "cancelled";
            default -> "executed";
        };
    }
}
