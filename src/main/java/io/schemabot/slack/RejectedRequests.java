package io.schemabot.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers requests Slack did not send. Each is logged as one line (why, from where, how large; never its body),
 * until one address has been turned away {@link #PER_ADDRESS_PER_MINUTE} times within a minute: from then on
 * until the minute is over it gets a bare 429, and the log gets one line saying so instead of one per request.
 */
final class RejectedRequests {
    static final int PER_ADDRESS_PER_MINUTE = 20;
    private static final Logger LOG = LoggerFactory.getLogger(RejectedRequests.class);

    /** Rejections per address in the minute since its first one; bounded, so a spread of addresses cannot grow it. */
    private final Cache<String, AtomicInteger> recent = Caffeine.newBuilder()
            .expireAfter(Expiry.creating((String address, AtomicInteger count) -> Duration.ofMinutes(1)))
            .maximumSize(10_000).build();

    void refuse(Context ctx, int status, String reason, int bodySize) {
        String address = ctx.ip();
        int count = recent.get(address, a -> new AtomicInteger()).incrementAndGet();
        if (count <= PER_ADDRESS_PER_MINUTE) {
            LOG.warn("rejected a Slack request: {} (from {}, {} bytes)", reason, address, bodySize);
            answer(ctx, status, reason);
            return;
        }
        if (count == PER_ADDRESS_PER_MINUTE + 1) {
            LOG.warn("too many rejected Slack requests from {}: answering 429 for the rest of the minute without "
                    + "logging each", address);
        }
        answer(ctx, 429, "too many rejected requests; try again in a minute");
    }

    private static void answer(Context ctx, int status, String why) {
        ctx.status(status).contentType("text/plain").result(why);
    }
}
