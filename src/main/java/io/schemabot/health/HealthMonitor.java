package io.schemabot.health;

import com.slack.api.methods.MethodsClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.schemabot.config.Config;
import io.schemabot.ops.Ops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the health checks on the one replica that leads, turns their results into transitions, and says each
 * transition once in the channel: checks that go DOWN in the same round share one alert; a recovery is a reply in
 * that alert's thread and the alert is edited to read true; an alert still open after remindAfter is repeated once
 * in its thread (then at most once per remindAfter). States and alerts live in the store, so a restart or a new
 * leader carries on where the last one stopped.
 */
public final class HealthMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);
    /** How long past its own timeout a check may take before the round stops waiting for it. */
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final Config.Health settings;
    private final List<Check> checks;
    private final HealthStore store;
    private final LeaderLock lock;
    private final AlertQueue alerts;
    private final Outbox outbox;
    private final Duration roundSlack;
    private final Clock clock;
    private final ExecutorService runner;
    private final Map<String, Instant> due = new HashMap<>();
    /** Each check's latest scheduled run, which may outlive its timeout. */
    private final Map<String, Future<CheckResult>> unfinished = new java.util.concurrent.ConcurrentHashMap<>();
    private final ExecutorService adHoc = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "health-check-now");
        t.setDaemon(true);
        return t;
    });
    private volatile Map<String, CheckState> known = Map.of();
    private ScheduledExecutorService ticker;
    private volatile boolean led;

    /** What a round did: whether this replica led it, each check's result, and the transitions it made. */
    public record Round(boolean led, Map<String, CheckResult> results, List<String> wentDown, List<String> recovered) {
        static Round followed() {
            return new Round(false, Map.of(), List.of(), List.of());
        }
    }

    public HealthMonitor(Config.Health settings, List<Check> checks, DataSource store, AlertQueue alerts, Clock clock) {
        this.settings = settings;
        this.checks = List.copyOf(checks);
        this.store = new HealthStore(store);
        this.lock = new LeaderLock(store);
        this.alerts = alerts;
        this.outbox = new Outbox(this.store, alerts, clock);
        // a round waits for its slowest check: results of the others may come that much later than their interval
        this.roundSlack = checks.stream().map(c -> c.spec().timeout()).max(Duration::compareTo).orElse(Duration.ZERO)
                .plus(GRACE);
        this.clock = clock;
        this.runner = Executors.newFixedThreadPool(Math.max(1, Math.min(8, checks.size())), r -> {
            Thread t = new Thread(r, "health-check");
            t.setDaemon(true);
            return t;
        });
    }

    /** The monitor `serve` runs: the config's checks, alerting through Slack's Web API. */
    public static HealthMonitor over(Config config, Ops ops, DataSource store, MethodsClient slack, Clock clock) {
        return new HealthMonitor(config.health(), Checks.from(config, TargetProbe.over(ops), clock, store), store,
                AlertQueue.over(new SlackAlertSink(slack)), clock);
    }

    /** Checks each check when its interval is up (every second, whether any is due); only the leader runs them. */
    public synchronized HealthMonitor start() {
        if (ticker == null && !checks.isEmpty()) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "health-monitor");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleWithFixedDelay(this::tick, 0, 1, TimeUnit.SECONDS);
        }
        return this;
    }

    private void tick() {
        try {
            Instant now = clock.instant();
            List<Check> ready = checks.stream().filter(c -> !now.isBefore(due.getOrDefault(c.name(), Instant.MIN)))
                    .toList();
            if (ready.isEmpty()) {
                return;
            }
            ready.forEach(c -> due.put(c.name(), now.plus(c.spec().interval())));
            round(ready);
        } catch (RuntimeException | Error e) {
            // an escaping throwable would cancel the schedule for good while this replica still held the lead
            LOG.warn("a health round failed: {}", Evidence.error(e), e);
        }
    }

    /** Runs every check now, if this replica leads (taking the lead if it is free). */
    public Round runRound() {
        return round(checks);
    }

    private synchronized Round round(List<Check> batch) {
        if (!lock.holdOrTake()) {
            lostTheLead();
            try {
                known = Map.copyOf(store.states()); // a follower's gauges show what the leader found
            } catch (SQLException e) {
                // keep what was last seen
            }
            return Round.followed();
        }
        Map<String, CheckState> states;
        try {
            led = true;
            states = new LinkedHashMap<>(store.states());
        } catch (SQLException e) {
            LOG.warn("the store did not answer; health round skipped: {}", e.getMessage());
            return Round.followed();
        }
        Map<String, CheckResult> results = runAll(batch);
        Instant now = clock.instant();
        RoundPlan plan = new RoundPlan(settings, now);
        for (Check check : batch) {
            CheckState before = states.getOrDefault(check.name(), CheckState.initial(check.name(), now));
            CheckState.Step step = before.next(results.get(check.name()), check.spec(), now, roundSlack);
            states.put(check.name(), step.state());
            plan.add(check, step);
        }
        try {
            // a replica that lost the lead while its checks ran must not speak for the new leader
            if (!lock.holdOrTake()) {
                lostTheLead();
                return Round.followed();
            }
            plan.decide(states, configured(states), store.openAlerts());
            lock.inTransaction(c -> plan.write(c, states)); // fenced: only the session holding the lead writes
        } catch (SQLException e) {
            LOG.warn("the store did not take the health round's states; nothing is said this round: {}", e.getMessage());
            return Round.followed();
        }
        known = Map.copyOf(states);
        outbox.afterRound();
        return new Round(true, results, plan.wentDown(), plan.recovered());
    }

    /** What this replica queued is the new leader's to say now: said from here too, it would be said twice. */
    private void lostTheLead() {
        outbox.leadLost();
        led = false;
    }

    /** The states of the checks still configured (a removed check's row stays, but nobody speaks for it). */
    private Map<String, CheckState> configured(Map<String, CheckState> states) {
        Map<String, CheckState> out = new LinkedHashMap<>();
        for (Check c : checks) {
            if (states.containsKey(c.name())) {
                out.put(c.name(), states.get(c.name()));
            }
        }
        return out;
    }

    private Map<String, CheckResult> runAll(List<Check> batch) {
        return runAll(batch, runner, true);
    }

    /**
     * Runs the checks side by side on {@code pool}. A check whose run from an earlier round has not ended (a query
     * its timeout could not stop) is not started again: it fails this round, so slow runs never pile up against
     * a slow target, and the pool always has a thread for every other check.
     */
    private Map<String, CheckResult> runAll(List<Check> batch, ExecutorService pool, boolean scheduled) {
        Map<String, Future<CheckResult>> running = new LinkedHashMap<>();
        Map<String, CheckResult> results = new LinkedHashMap<>();
        for (Check c : batch) {
            Future<CheckResult> earlier = scheduled ? unfinished.get(c.name()) : null;
            if (earlier != null && !earlier.isDone()) {
                results.put(c.name(), CheckResult.failed(Duration.ZERO, "its previous run has not ended yet", "", null));
                continue;
            }
            Future<CheckResult> f = pool.submit(c::run);
            running.put(c.name(), f);
            if (scheduled) {
                unfinished.put(c.name(), f);
            }
        }
        for (Check c : batch) {
            Future<CheckResult> f = running.get(c.name());
            if (f == null) {
                continue;
            }
            Duration limit = c.spec().timeout().plus(GRACE);
            try {
                results.put(c.name(), f.get(limit.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                f.cancel(true); // interrupts the check; a query stuck in the driver may run on: see unfinished
                results.put(c.name(), CheckResult.failed(limit, "no answer within " + Evidence.took(c.spec().timeout()),
                        "", null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                results.put(c.name(), CheckResult.failed(Duration.ZERO, "check interrupted", "", null));
            } catch (java.util.concurrent.ExecutionException e) {
                results.put(c.name(), CheckResult.failed(Duration.ZERO, "check failed: " + Evidence.error(e.getCause()),
                        "", null));
            }
        }
        return results;
    }

    /**
     * Every configured check's state, in the config's order, as the store has it (any replica can answer; a check
     * never run yet is UP with no last result). Falls back to what this replica last saw if the store is down.
     */
    public List<CheckState> states() {
        Map<String, CheckState> stored;
        try {
            stored = store.states();
            known = Map.copyOf(stored);
        } catch (SQLException e) {
            stored = known;
        }
        Instant now = clock.instant();
        List<CheckState> out = new ArrayList<>();
        for (Check c : checks) {
            out.add(stored.getOrDefault(c.name(), CheckState.initial(c.name(), now)));
        }
        return out;
    }

    /**
     * Runs the checks that watch or confirm {@code target} now and returns their results by check name, in config
     * order, without changing states or saying anything (after a hotfix, the caller reports them in its thread).
     */
    public Map<String, CheckResult> checkNow(String target) {
        // on threads of its own: a slow check after a hotfix must not hold up the scheduled rounds
        return runAll(checks.stream().filter(c -> target.equals(c.target())).toList(), adHoc, false);
    }

    /** Waits until every alert queued so far was sent (or given up); true if so within {@code limit}. */
    public boolean alertsIdle(Duration limit) throws InterruptedException {
        return alerts.awaitIdle(limit);
    }

    /** Whether this replica ran the last round. */
    public boolean leading() {
        return lock.leading();
    }

    /**
     * Each check's state (schemabot.health.up: 1 UP, 0 DOWN) and last latency (schemabot.health.latency, seconds),
     * tagged with its name and type.
     */
    public void bindTo(MeterRegistry registry) {
        for (Check c : checks) {
            Gauge.builder("schemabot.health.up", this, m -> m.gaugeState(c.name()))
                    .tag("check", c.name()).tag("type", c.spec().type().key())
                    .description("1 while the health check is UP, 0 while it is DOWN").register(registry);
            Gauge.builder("schemabot.health.latency", this, m -> m.gaugeLatency(c.name()))
                    .tag("check", c.name()).tag("type", c.spec().type().key()).baseUnit("seconds")
                    .description("how long the health check's last run took").register(registry);
        }
    }

    private double gaugeState(String name) {
        CheckState s = known.get(name);
        return s == null || s.status() == CheckState.Status.UP ? 1 : 0;
    }

    private double gaugeLatency(String name) {
        CheckState s = known.get(name);
        return s == null || s.last() == null ? Double.NaN : s.last().latency().toNanos() / 1e9;
    }

    /** Stops the rounds and gives up the lead (another replica takes it on its next try). */
    @Override
    public void close() {
        synchronized (this) {
            if (ticker != null) {
                ticker.shutdownNow();
            }
        }
        runner.shutdownNow();
        adHoc.shutdownNow();
        // what this leader queued goes out while it still leads; a successor would otherwise post it again
        alerts.close();
        synchronized (this) {
            lock.close();
            led = false;
        }
    }
}
