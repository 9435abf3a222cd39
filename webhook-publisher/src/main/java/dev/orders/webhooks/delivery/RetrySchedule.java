package dev.orders.webhooks.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When to try again. The first attempt goes at once; after failed attempt {@code n} of a round the next waits
 * {@code delays[n-1]} (the last delay repeats if there are more attempts than delays), or longer if the receiver
 * asked for it with {@code Retry-After} (capped at {@code maxRetryAfter}). A round has {@code maxAttempts} attempts;
 * by default that is one more than the delays, so the seed's 1, 2, 4, 8, 16 s are five retries after the first
 * attempt, six requests in all.
 */
public record RetrySchedule(List<Duration> delays, int maxAttempts, Duration maxRetryAfter) {

    public RetrySchedule {
        delays = List.copyOf(delays);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, not " + maxAttempts);
        }
        if (maxAttempts > 1 && delays.isEmpty()) {
            throw new IllegalArgumentException("retries need at least one retry delay");
        }
        if (delays.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("retry delays must not be negative: " + delays);
        }
    }

    /** {@code maxAttempts} null or 0 means one attempt plus one retry per delay. */
    public static RetrySchedule of(List<Duration> delays, Integer maxAttempts, Duration maxRetryAfter) {
        int attempts = maxAttempts == null || maxAttempts == 0 ? delays.size() + 1 : maxAttempts;
        return new RetrySchedule(delays, attempts, maxRetryAfter);
    }

    /**
     * The wait before the next attempt after attempt {@code attempt} (1-based, within the round) failed; empty when
     * it was the last one.
     */
    public Optional<Duration> delayAfter(int attempt, Duration retryAfter) {
        if (attempt >= maxAttempts) {
            return Optional.empty();
        }
        Duration scheduled = delays.get(Math.min(Math.max(attempt, 1), delays.size()) - 1);
        if (retryAfter != null) {
            Duration asked = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
            if (asked.compareTo(scheduled) > 0) {
                return Optional.of(asked);
            }
        }
        return Optional.of(scheduled);
    }
}
