package dev.orders.infra.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try again after a failed attempt, and when to give up: after failed attempt {@code n} (1-based) the next
 * waits {@code delay(n)}, unless {@code n} was the last of {@code maxAttempts}. Two shapes: a list of delays whose
 * last one repeats ({@link #of}), or a doubling delay with a ceiling and a little jitter ({@link #exponential}).
 */
public final class RetrySchedule {

    private final List<Duration> delays;
    private final Duration first;
    private final Duration ceiling;
    private final int maxAttempts;
    private final Duration maxRetryAfter;

    private RetrySchedule(
            List<Duration> delays, Duration first, Duration ceiling, int maxAttempts, Duration maxRetryAfter) {
        this.delays = delays;
        this.first = first;
        this.ceiling = ceiling;
        this.maxAttempts = maxAttempts;
        this.maxRetryAfter = maxRetryAfter;
    }

    /**
     * The delays in order, the last one repeating; {@code maxAttempts} null or 0 means one attempt plus one retry per
     * delay. A receiver's {@code Retry-After} may lengthen a wait up to {@code maxRetryAfter}, never shorten it.
     */
    public static RetrySchedule of(List<Duration> delays, Integer maxAttempts, Duration maxRetryAfter) {
        List<Duration> copy = List.copyOf(delays);
        int attempts = maxAttempts == null || maxAttempts == 0 ? copy.size() + 1 : maxAttempts;
        if (attempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, not " + attempts);
        }
        if (attempts > 1 && copy.isEmpty()) {
            throw new IllegalArgumentException("retries need at least one retry delay");
        }
        if (copy.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("retry delays must not be negative: " + copy);
        }
        return new RetrySchedule(copy, null, null, attempts, maxRetryAfter);
    }

    /**
     * {@code first}, doubled after each further failure up to {@code ceiling}, plus up to a fifth more at random so
     * that the retries of many deliveries do not arrive together. {@code maxAttempts} below 1 counts as 1.
     */
    public static RetrySchedule exponential(Duration first, Duration ceiling, int maxAttempts) {
        return new RetrySchedule(List.of(), first, ceiling, Math.max(1, maxAttempts), null);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** Whether attempt {@code attempt} (1-based) was the last one. */
    public boolean exhaustedAfter(int attempt) {
        return attempt >= maxAttempts;
    }

    /** The wait after failed attempt {@code attempt} (1-based); empty when it was the last one. */
    public Optional<Duration> delayAfter(int attempt) {
        return exhaustedAfter(attempt) ? Optional.empty() : Optional.of(delay(attempt));
    }

    /**
     * As {@link #delayAfter(int)}, or longer when the receiver asked for a longer wait ({@code Retry-After}, null when
     * it did not), capped at the schedule's {@code maxRetryAfter}.
     */
    public Optional<Duration> delayAfter(int attempt, Duration retryAfter) {
        if (exhaustedAfter(attempt)) {
            return Optional.empty();
        }
        Duration scheduled = delay(attempt);
        if (retryAfter != null && maxRetryAfter != null) {
            Duration asked = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
            if (asked.compareTo(scheduled) > 0) {
                return Optional.of(asked);
            }
        }
        return Optional.of(scheduled);
    }

    private Duration delay(int attempt) {
        if (first == null) {
            return delays.get(Math.min(Math.max(attempt, 1), delays.size()) - 1);
        }
        long firstMillis = Math.max(1, first.toMillis());
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long millis = Math.min(ceiling.toMillis(), firstMillis << shift);
        return Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(millis / 5 + 1));
    }
}
