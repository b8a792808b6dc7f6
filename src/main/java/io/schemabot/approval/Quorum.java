package io.schemabot.approval;

import java.util.List;

/** How refusals and confirmations speak of the quorum: "two other approvers are needed", "1 of 2 approvals". */
final class Quorum {
    private static final List<String> WORDS = List.of("no", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten");

    private Quorum() {
    }

    /** What the proposer hears: they never count, so the quorum is all others. */
    static String others(int required) {
        String count = required < WORDS.size() ? WORDS.get(required) : String.valueOf(required);
        return count + (required == 1 ? " other approver is needed" : " other approvers are needed");
    }

    static String progress(HotfixRequest q) {
        return q.approvers().size() + " of " + q.required() + (q.required() == 1 ? " approval" : " approvals");
    }
}
