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

    /** Checks that may join a recent alert in their channel rather than open their own. */
    static final Duration JOIN_WINDOW = Duration.ofMinutes(10);

    /** Checks joining an open alert, and the alert's text once it lists them too. */
    private record Joined(List<AlertText.Member> members, String text) {
    }

    private final Map<Long, Joined> joined = new LinkedHashMap<>();

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
        joinRecentAlerts(configured, open);
        downByChannel.forEach((channel, members) -> alertTextByChannel.put(channel, AlertText.alert(members)));
        Map<Long, HealthStore.Alert> openById = new LinkedHashMap<>();
        open.forEach(a -> openById.put(a.id(), a));
        recoveredByAlert.forEach((id, back) -> {
            HealthStore.Alert alert = openById.get(id);
            if (alert == null) {
                replies.add(new Reply(null, channels.get(back.get(0).name()), AlertText.recovery(back), null));
                return;
            }
            List<AlertText.Member> members = new ArrayList<>(members(id, configured));
            Joined join = joined.get(id);
            if (join != null) {
                members.addAll(join.members()); // joined this round: DOWN, and listed by the alert from now on
            }
            if (members.stream().noneMatch(m -> m.state().status() == CheckState.Status.DOWN)) {
                resolved.add(id);
            }
            replies.add(new Reply(id, alert.channel(), AlertText.recovery(back),
                    AlertText.updated(join != null ? join.text() : alert.text(), members, now)));
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

    /**
     * Checks that go DOWN while an alert in their channel, opened within {@link #JOIN_WINDOW}, still has checks
     * DOWN join that alert instead of opening one of their own: a database going down fails its checks one
     * interval after another, and the channel should read one alert listing them, not one per check. The join is
     * said in the alert's thread and the alert is edited to list every check.
     */
    private void joinRecentAlerts(Map<String, CheckState> configured, List<HealthStore.Alert> open) {
        for (HealthStore.Alert alert : open) {
            List<AlertText.Member> joining = downByChannel.get(alert.channel());
            if (joining == null || Duration.between(alert.openedAt(), now).compareTo(JOIN_WINDOW) > 0) {
                continue;
            }
            List<AlertText.Member> stillDown = members(alert.id(), configured).stream()
                    .filter(m -> m.state().status() == CheckState.Status.DOWN).toList();
            if (stillDown.isEmpty()) {
                continue;
            }
            downByChannel.remove(alert.channel());
            List<AlertText.Member> all = new ArrayList<>(stillDown);
            all.addAll(joining);
            String text = AlertText.alert(all);
            joined.put(alert.id(), new Joined(joining, text));
            replies.add(new Reply(alert.id(), alert.channel(), AlertText.joined(joining), text));
        }
    }

    /** Records the round: new alerts (their ids given to their checks), the checks' states, resolutions, reminders. */
    void write(Connection c, Map<String, CheckState> states) throws SQLException {
        for (Map.Entry<Long, Joined> j : joined.entrySet()) {
            HealthStore.retext(c, j.getKey(), j.getValue().text());
            for (AlertText.Member m : j.getValue().members()) {
                states.put(m.name(), states.get(m.name()).withAlert(j.getKey()));
            }
        }
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
