package io.schemabot.health;

import io.schemabot.Durations;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The words of alerts, reminders and recoveries (Slack mrkdwn): the check's name and DOWN or recovered first, then
 * since when, the evidence, and what to run next. Times are Slack date tokens, shown in each reader's time zone.
 */
final class AlertText {
    private static final DateTimeFormatter FALLBACK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private AlertText() {
    }

    /** A check in an alert, as it stands. */
    record Member(String name, CheckState state) {
    }

    /** A check that came back, and how long it was down. */
    record Recovered(String name, Duration outage) {
    }

    /**
     * Slack refuses a message that is too long, and a refused alert is an alert lost: a message is cut well before
     * that, saying so, and `/schemabot health` has the rest.
     */
    private static final int LONGEST = 3500;

    static String alert(List<Member> down) {
        return cap(fullAlert(down));
    }

    private static String fullAlert(List<Member> down) {
        if (down.size() == 1) {
            Member m = down.get(0);
            return ":red_circle: *" + esc(m.name()) + "* is DOWN since " + when(m.state().since()) + " ("
                    + m.state().failures() + " failed checks in a row)\n" + details(m.state().last());
        }
        StringBuilder out = new StringBuilder(":red_circle: " + down.size() + " checks are DOWN: "
                + down.stream().map(m -> "*" + esc(m.name()) + "*").collect(Collectors.joining(", ")) + "\n");
        for (Member m : down) {
            out.append("\n• *").append(esc(m.name())).append("* DOWN since ").append(when(m.state().since()))
                    .append(": ").append(details(m.state().last()));
        }
        return out.toString().strip();
    }

    /** Said in an open alert's thread when more checks go DOWN and join it. */
    static String joined(List<Member> down) {
        return cap(":red_circle: Also DOWN now: " + fullAlert(down).replaceFirst("^:red_circle: ", ""));
    }

    static String reminder(List<Member> stillDown, Instant openedAt, Instant now) {
        return cap(":hourglass: Still DOWN after " + Durations.human(Duration.between(openedAt, now)) + ": "
                + stillDown.stream().map(m -> "*" + esc(m.name()) + "* (" + esc(m.state().last().summary()) + ")")
                .collect(Collectors.joining(", ")));
    }

    static String recovery(List<Recovered> recovered) {
        return recovered.stream().map(r -> ":large_green_circle: *" + esc(r.name()) + "* recovered after "
                + Durations.human(r.outage())).collect(Collectors.joining("\n"));
    }

    /** The alert as it should now read: resolved, or which of its checks are still down, above what it said. */
    static String updated(String original, List<Member> members, Instant now) {
        List<String> down = members.stream().filter(m -> m.state().status() == CheckState.Status.DOWN)
                .map(m -> esc(m.name())).toList();
        List<String> up = members.stream().filter(m -> m.state().status() == CheckState.Status.UP)
                .map(m -> esc(m.name())).toList();
        String head = down.isEmpty()
                ? ":white_check_mark: *Resolved* " + when(now) + ": " + String.join(", ", up) + " recovered"
                : ":large_yellow_circle: " + String.join(", ", up) + " recovered; still DOWN: " + String.join(", ", down);
        return cap(head + "\n" + original.lines().map(l -> "> " + l).collect(Collectors.joining("\n")));
    }

    private static String cap(String text) {
        return text.length() <= LONGEST ? text : text.substring(0, LONGEST) + "\n… (cut; `/schemabot health` shows every"
                + " check)";
    }

    private static String details(CheckResult result) {
        StringBuilder out = new StringBuilder(esc(result.summary()));
        if (!result.evidence().isBlank()) {
            out.append("\n```\n").append(esc(result.evidence()).replace("```", "'''")).append("\n```");
        }
        if (result.nextStep() != null) {
            out.append("\nNext: `").append(esc(result.nextStep())).append('`');
        }
        return out.toString();
    }

    /**
     * What a watched service or a database said, made inert: Slack reads {@code <!channel>} in a response body as a
     * ping to everyone, and drops anything else between angle brackets.
     */
    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String when(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time_secs}|" + FALLBACK.format(at) + ">";
    }
}
