package dev.orders.edge.notifier;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with a little jitter, so retries of many deliveries do not arrive together. */
record RetryPolicy(int maxAttempts, Duration base, Duration max) {

    /** Wait after the {@code failures}-th failure (1-based). */
    public Duration backoff(int failures) {
        long baseMillis = Math.max(1, base.toMillis());
        int shift = Math.min(Math.max(failures - 1, 0), 30);
        long millis = Math.min(max.toMillis(), baseMillis << shift);
        return Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(millis / 5 + 1));
    }
}
