package io.schemabot.chat;

import io.schemabot.approval.HotfixRequest;
import io.schemabot.health.CheckResult;
import io.schemabot.health.HealthMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Once a hotfix has executed, its target's health checks run at once and the request's thread hears what they
 * found, so nobody curls /health by hand. Off the execution's path: the outcome is not held up by a slow check.
 */
final class HealthAfterHotfix {
    private static final Logger LOG = LoggerFactory.getLogger(HealthAfterHotfix.class);
    private final HealthMonitor health;
    private final Executor work;
    private final Clock clock;

    HealthAfterHotfix(HealthMonitor health, Executor work, Clock clock) {
        this.health = health;
        this.work = work;
        this.clock = clock;
    }

    void check(HotfixRequest request, RequestNotices notices) {
        Instant executed = clock.instant();
        work.execute(() -> {
            try {
                Map<String, CheckResult> results = health.checkNow(request.target());
                if (!results.isEmpty()) {
                    notices.followUp(request, HealthReplies.afterHotfix(request, results,
                            Duration.between(executed, clock.instant())));
                }
            } catch (RuntimeException e) {
                LOG.warn("the health checks of {} after hotfix {} could not be told: {}", request.target(),
                        request.id(), e.getMessage());
            }
        });
    }
}
