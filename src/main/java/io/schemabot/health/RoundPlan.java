package io.schemabot.health;

import io.schemabot.config.Config;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one round has to say, decided from its transitions: one new alert per channel for the checks that went
 * DOWN together, for each alert with recoveries a reply in its thread and an edit (resolved once all its checks are
 * UP), and reminders for alerts still open after remindAfter. Written to the store in the round's transaction and
 * only then sent, so a failed write says nothing; what is written is sent until Slack takes it.
 */
final class RoundPlan {
    private final Config.Health settings;
    private final Instant now;
    private final List<CheckState.Step> steps = new ArrayList<>();
    private final Map<String, List<AlertText.Member>> downByChannel = new LinkedHashMap<>();
    private final Map<String, String> alertTextByChannel = new LinkedHashMap<>();
    private final Map<Long, List<AlertText.Recovered>> recoveredByAlert = new LinkedHashMap<>();
    private final List<Reply> replies = new ArrayList<>();
    private final List<Long> resolved = new ArrayList<>();
    private final List<Long> reminded = new ArrayList<>();
    private final List<String> wentDown = new ArrayList<>();
    private final List<String> recovered = new ArrayList<>();
    private final Map<String, String> channels = new LinkedHashMap<>();

    /** A message in an existing alert's thread (alertId null: no alert to thread under), maybe with an edit. */
    private record Reply(Long alertId, String channel, String text, String update) {
    }

    RoundPlan(Config.Health settings, Instant now) {
        this.settings = settings;
        this.now = now;
    }

    void add(Check check, CheckState.Step step) {
        steps.add(step);
        channels.put(check.name(), check.spec().channel());
        switch (step.event()) {
            case WENT_DOWN -> {
                wentDown.add(check.name());
                downByChannel.computeIfAbsent(check.spec().channel(), k -> new ArrayList<>())
                        .add(new AlertText.Member(check.name(), step.state()));
            }
            case RECOVERED -> {
                recovered.add(check.name());
                recoveredByAlert.computeIfAbsent(step.state().alertId() == null ? -1L : step.state().alertId(),
                        k -> new ArrayList<>()).add(new AlertText.Recovered(check.name(), step.outage()));
            }
            case NONE -> { }
        }
    }

    /** Decides replies, edits and reminders against every configured check's state and the open alerts. */
    void decide(Map<String, CheckState> all, Map<String, CheckState> configured, List<HealthStore.Alert> open) {
        downByChannel.forEach((channel, members) -> alertTextByChannel.put(channel, AlertText.alert(members)));
        Map<Long, HealthStore.Alert> openById = new LinkedHashMap<>();
        open.forEach(a -> openById.put(a.id(), a));
        recoveredByAlert.forEach((id, back) -> {
            HealthStore.Alert alert = openById.get(id);
            if (alert == null) {
                replies.add(new Reply(null, channels.get(back.get(0).name()), AlertText.recovery(back), null));
                return;
            }
            List<AlertText.Member> members = members(id, configured);
            if (members.stream().noneMatch(m -> m.state().status() == CheckState.Status.DOWN)) {
                resolved.add(id);
            }
            replies.add(new Reply(id, alert.channel(), AlertText.recovery(back),
                    AlertText.updated(alert.text(), members, now)));
        });
        if (settings.remindAfter().isZero()) {
            return;
        }
        for (HealthStore.Alert alert : open) {
            if (resolved.contains(alert.id())) {
                continue;
            }
            List<AlertText.Member> stillDown = members(alert.id(), configured).stream()
                    .filter(m -> m.state().status() == CheckState.Status.DOWN && m.state().last() != null).toList();
            Instant last = alert.lastReminderAt() != null ? alert.lastReminderAt() : alert.openedAt();
            if (!stillDown.isEmpty() && Duration.between(last, now).compareTo(settings.remindAfter()) >= 0) {
                reminded.add(alert.id());
                replies.add(new Reply(alert.id(), alert.channel(), AlertText.reminder(stillDown, alert.openedAt(), now),
                        null));
            }
        }
    }

    /** Records the round: new alerts (their ids given to their checks), the checks' states, resolutions, reminders. */
    void write(Connection c, Map<String, CheckState> states) throws SQLException {
        for (Map.Entry<String, List<AlertText.Member>> e : downByChannel.entrySet()) {
            long id = HealthStore.openAlert(c, e.getKey(), alertTextByChannel.get(e.getKey()), now);
            for (AlertText.Member m : e.getValue()) {
                states.put(m.name(), states.get(m.name()).withAlert(id));
            }
        }
        for (CheckState.Step step : steps) {
            HealthStore.save(c, states.get(step.state().name()));
        }
        for (long id : resolved) {
            HealthStore.resolve(c, id, now);
        }
        for (long id : reminded) {
            HealthStore.reminded(c, id, now);
        }
        for (Reply reply : replies) {
            HealthStore.message(c, reply.alertId(), reply.channel(), false, reply.text(), now);
            if (reply.update() != null) {
                HealthStore.message(c, reply.alertId(), reply.channel(), true, reply.update(), now);
            }
        }
    }

    List<String> wentDown() {
        return List.copyOf(wentDown);
    }

    List<String> recovered() {
        return List.copyOf(recovered);
    }

    private static List<AlertText.Member> members(long alertId, Map<String, CheckState> configured) {
        return configured.values().stream().filter(s -> s.alertId() != null && s.alertId() == alertId)
                .map(s -> new AlertText.Member(s.name(), s)).toList();
    }
}
