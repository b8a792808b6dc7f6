package io.schemabot.health;

import java.time.Duration;

/**
 * Where alerts are said: post a message (in a thread when {@code threadTs} is set) or edit one. One call, no
 * retrying of its own: {@link AlertQueue} paces and retries.
 */
public interface AlertSink {

    Sent post(String channel, String threadTs, String text);

    Sent update(String channel, String ts, String text);

    /** How a call went. */
    sealed interface Sent {
        /** Taken; {@code ts} names the message (for a post). */
        record Delivered(String ts) implements Sent {
        }

        /** Not now: try again after {@code retryAfter} (Retry-After), or after a growing backoff when it is null. */
        record Later(Duration retryAfter, String why) implements Sent {
        }

        /** Refused for good (a channel that does not exist, a token without the scope): logged, not retried. */
        record Refused(String why) implements Sent {
        }
    }
}
