package io.schemabot.chat;

import io.schemabot.Durations;
import io.schemabot.approval.HotfixRequest;
import io.schemabot.health.CheckResult;
import io.schemabot.health.CheckState;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** What chat says of health checks: every check's state, and how a target's checks found it after a hotfix. */
final class HealthReplies {
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private HealthReplies() {
    }

    static Reply states(List<CheckState> states, Instant now) {
        if (states.isEmpty()) {
            return Reply.ephemeral("No health checks are configured").build();
        }
        long down = states.stream().filter(s -> s.status() == CheckState.Status.DOWN).count();
        String header = down == 0 ? "Health checks: all " + states.size() + " up"
                : "Health checks: " + down + " of " + states.size() + " DOWN";
        StringBuilder lines = new StringBuilder();
        for (CheckState s : states) {
            boolean up = s.status() == CheckState.Status.UP;
            lines.append(up ? "🟢 *" : "🔴 *").append(s.name()).append("* ").append(s.status()).append(" since ")
                    .append(SINCE.format(s.since())).append(" (").append(Durations.human(s.age(now))).append(")");
            CheckResult last = s.last();
            lines.append(last == null ? " · not checked yet" : " · last: " + last.summary());
            if (!up && last != null && last.nextStep() != null) {
                lines.append(" · next: `").append(last.nextStep()).append('`');
            }
            lines.append('\n');
        }
        return Reply.ephemeral(header).section(lines.toString().strip()).build();
    }

    /** "backend healthy 3 s after the hotfix (HTTP 200 in 12 ms)", one line per check of the target. */
    static Reply afterHotfix(HotfixRequest request, Map<String, CheckResult> results, Duration after) {
        long failing = results.values().stream().filter(r -> !r.healthy()).count();
        StringBuilder lines = new StringBuilder();
        results.forEach((name, r) -> {
            lines.append(r.healthy() ? "✅ " : "❌ ").append(name).append(r.healthy() ? " healthy " : " failing ")
                    .append(Durations.human(after)).append(" after the hotfix (").append(r.summary()).append(')');
            if (!r.healthy() && r.nextStep() != null) {
                lines.append(" · next: `").append(r.nextStep()).append('`');
            }
            lines.append('\n');
        });
        return Reply.inChannel("Health of " + request.target() + " after hotfix request " + request.id() + ": "
                + (failing == 0 ? "all " + results.size() + " checks healthy" : failing + " of " + results.size()
                + " checks failing")).section(lines.toString().strip()).build();
    }
}
