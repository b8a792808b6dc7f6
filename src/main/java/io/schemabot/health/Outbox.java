package io.schemabot.health;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What the leader has to say, from the store to Slack: alerts without a message yet, then the replies and edits
 * recorded for alerts that have one. Each is queued once on this replica and marked in the store once Slack took
 * it, so that a round, a new leader, or the alert's ts arriving late sends what is still unsaid, and nothing twice.
 */
final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private final HealthStore store;
    private final AlertQueue queue;
    private final Clock clock;
    /** Alerts and messages queued here and not yet settled. */
    private final Set<Long> alertsQueued = ConcurrentHashMap.newKeySet();
    private final Set<Long> messagesQueued = ConcurrentHashMap.newKeySet();
    /**
     * Alerts and messages Slack took from this replica: never queued here again, even before the store says so
     * (a list read just before it did would offer them once more). Few: an alert is a rare event.
     */
    private final Set<Long> alertsPosted = ConcurrentHashMap.newKeySet();
    private final Set<Long> messagesSent = ConcurrentHashMap.newKeySet();
    /** What Slack took whose record the store did not take yet: tried again every round. */
    private final Map<Long, String> unsavedTs = new ConcurrentHashMap<>();
    private final Set<Long> unmarked = ConcurrentHashMap.newKeySet();
    private volatile boolean leading;

    Outbox(HealthStore store, AlertQueue queue, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.clock = clock;
    }

    /** After a round this replica led: records what was said but not stored, then says what is still unsaid. */
    void afterRound() {
        leading = true;
        unsavedTs.forEach(this::posted);
        unmarked.forEach(this::sent);
        postUnposted();
        sendUnsent();
    }

    /** The lead went elsewhere: what is queued here is the new leader's to say, or it would be said twice. */
    void leadLost() {
        if (leading) {
            queue.dropQueued();
        }
        leading = false;
    }

    private void postUnposted() {
        List<HealthStore.Alert> unposted;
        try {
            unposted = store.unpostedAlerts();
        } catch (SQLException e) {
            LOG.warn("the store did not give the health alerts still to post; trying next round: {}", e.getMessage());
            return;
        }
        for (HealthStore.Alert alert : unposted) {
            long id = alert.id();
            if (unsavedTs.containsKey(id) || !alertsQueued.add(id)) {
                continue;
            }
            if (alertsPosted.contains(id)) { // taken by Slack since the list was read
                alertsQueued.remove(id);
                continue;
            }
            queue.post(alert.channel(), () -> null, alert.text(), ts -> {
                alertsPosted.add(id);
                posted(id, ts);
            }, done -> alertsQueued.remove(id));
        }
    }

    private void sendUnsent() {
        List<HealthStore.Message> unsent;
        try {
            unsent = store.unsentMessages();
        } catch (SQLException e) {
            LOG.warn("the store did not give the health messages still to send; trying next round: {}", e.getMessage());
            return;
        }
        for (HealthStore.Message m : unsent) {
            long id = m.id();
            if (!messagesQueued.add(id)) {
                continue;
            }
            if (messagesSent.contains(id)) { // taken by Slack since the list was read
                messagesQueued.remove(id);
                continue;
            }
            Consumer<Boolean> settled = done -> {
                if (done) {
                    messagesSent.add(id);
                    sent(id);
                }
                messagesQueued.remove(id);
            };
            Long alert = m.alertId();
            if (m.update()) {
                queue.update(m.channel(), () -> threadTs(alert), m.text(), settled);
            } else {
                queue.post(m.channel(), () -> alert == null ? null : threadTs(alert), m.text(), ts -> { }, settled);
            }
        }
    }

    /** Slack took the alert: its ts goes to the store, and what waited for its thread goes out now. */
    private void posted(long id, String ts) {
        try {
            store.posted(id, ts);
            unsavedTs.remove(id);
            if (leading) {
                sendUnsent();
            }
        } catch (SQLException e) {
            unsavedTs.put(id, ts);
            LOG.warn("health alert {} was posted but its ts was not stored; trying next round: {}", id, e.getMessage());
        }
    }

    private void sent(long id) {
        try {
            store.sent(id, clock.instant());
            unmarked.remove(id);
        } catch (SQLException e) {
            unmarked.add(id);
            LOG.warn("health message {} was sent but not marked so; trying next round: {}", id, e.getMessage());
        }
    }

    /** The ts of an alert's message as the store has it now (a reply may be sent after the alert was queued). */
    String threadTs(long alertId) {
        try {
            HealthStore.Alert alert = store.alert(alertId);
            return alert == null ? null : alert.ts();
        } catch (SQLException e) {
            LOG.warn("health alert {}'s ts could not be read; replying outside its thread: {}", alertId, e.getMessage());
            return null;
        }
    }
}
