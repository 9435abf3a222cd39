package dev.orders.edge.channel;

import java.time.Duration;
import java.util.List;

/**
 * What one send came to. Every result says how many parts of the message are delivered in total ({@code partsSent})
 * and the provider's ids of the parts delivered by this call, so that a retry resumes after them.
 */
public sealed interface SendResult {

    int partsSent();

    List<String> messageIds();

    /** Every part is delivered. */
    record Sent(int partsSent, List<String> messageIds) implements SendResult {}

    /**
     * Try again later.
     *
     * @param after     when to try again; null means the notifier's exponential backoff
     * @param error     why; null when this is only pacing (a throttle), which never counts towards giving up
     * @param attempted whether the provider was called
     */
    record Retry(Duration after, String error, boolean attempted, int partsSent, List<String> messageIds)
            implements SendResult {

        public static Retry failure(String error, int partsSent, List<String> messageIds) {
            return new Retry(null, error, true, partsSent, messageIds);
        }

        public static Retry pace(Duration after, int partsSent, List<String> messageIds) {
            return new Retry(after, null, !messageIds.isEmpty(), partsSent, messageIds);
        }
    }

    /** The provider refused this message for good (bad address, malformed content). */
    record Failed(String error, int partsSent, List<String> messageIds) implements SendResult {}

    /**
     * The address accepts nothing from us: for good ({@code permanent}: the webhook was revoked), or until someone
     * there changes their mind (a Telegram chat that blocked the bot or never started it).
     */
    record RecipientGone(String error, boolean permanent, int partsSent, List<String> messageIds)
            implements SendResult {}

    /** The address changed (a Telegram group became a supergroup): send to {@code newAddress} from now on. */
    record AddressMoved(String newAddress, String error, int partsSent, List<String> messageIds)
            implements SendResult {}

    /** The channel is not configured (no bot token, no SMTP host): nothing was sent, nothing will be retried. */
    record Skipped(String reason, int partsSent, List<String> messageIds) implements SendResult {

        public Skipped(String reason) {
            this(reason, 0, List.of());
        }
    }
}
