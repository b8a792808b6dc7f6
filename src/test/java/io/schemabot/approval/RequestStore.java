package io.schemabot.approval;

import com.slack.api.methods.MethodsClient;
import io.schemabot.config.Config;
import io.schemabot.store.Store;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.TestDatabase;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fresh store database migrated by {@link Store}, a clock the test moves by hand, and hotfix requests over them:
 * ops channel C0OPS, approvers U0LEAD1, U0LEAD2, U0LEAD3 (plus any given), two required, thirty minutes to live.
 */
final class RequestStore implements AutoCloseable {
    static final String OPS = "C0OPS";
    static final String PROPOSER = "U0ONCALL";
    static final List<String> LEADS = List.of("U0LEAD1", "U0LEAD2", "U0LEAD3");
    static final Duration TTL = Duration.ofMinutes(30);

    final TestDatabase db = EmbeddedPg.createDatabase("requests");
    final HandClock clock = new HandClock(Instant.parse("2026-03-14T09:00:00Z"));

    RequestStore() {
        new Store(dataSource(), "the test store", () -> { });
    }

    /** A DataSource of its own, as a second bot instance on the same store would have. */
    PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(db.jdbcUrl());
        return ds;
    }

    HotfixRequests requests() {
        return requests(new Approvers(LEADS, null));
    }

    HotfixRequests requests(Approvers approvers) {
        return new HotfixRequests(dataSource(), clock, new Config.Approval(LEADS, 2, TTL), OPS, approvers);
    }

    static HotfixRequests requests(PGSimpleDataSource ds, Clock clock, List<String> approvers, MethodsClient slack) {
        return new HotfixRequests(ds, clock, new Config.Approval(approvers, 2, TTL), OPS, new Approvers(approvers, slack));
    }

    static Proposal plan(String hash) {
        return new Proposal("production", PROPOSER, OPS, "{\"steps\":[]}", hash, "fp-base", "fp-target",
                "[{\"version\":\"2\",\"checksum\":12}]", false, false, false);
    }

    static Proposal consented(boolean blocked) {
        return new Proposal("production", PROPOSER, OPS, "{\"steps\":[]}", "hash-loss", "fp-base", "fp-target", "[]",
                true, blocked, true);
    }

    @Override
    public void close() {
        db.close();
    }

    /** A clock that stands still until the test moves it. */
    static final class HandClock extends Clock {
        private final AtomicReference<Instant> now;

        HandClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the hand clock is UTC");
        }
    }
}
