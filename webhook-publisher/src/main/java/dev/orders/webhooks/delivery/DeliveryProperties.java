package dev.orders.webhooks.delivery;

import dev.orders.infra.dispatch.RetrySchedule;
import dev.orders.infra.persistence.GroupCommit;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The delivery engine's settings ({@code WEBHOOK_*}, documented in docs/webhooks.md). {@code lease} must outlast a
 * request, or a slow one could be attempted twice at once; zero {@code retention} keeps the history forever.
 */
@ConfigurationProperties("webhooks.delivery")
public record DeliveryProperties(
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue({"1s", "2s", "4s", "8s", "16s"}) List<Duration> retryDelays,
        Integer maxAttempts,
        @DefaultValue("1h") Duration maxRetryAfter,
        @DefaultValue("128") int maxConcurrency,
        @DefaultValue("32") int maxConcurrencyPerSubscription,
        @DefaultValue("20") int autoDisableAfter,
        @DefaultValue("1KB") DataSize responseBodyLimit,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("10ms") Duration claimInterval,
        @DefaultValue("10s") Duration vacuumInterval,
        @DefaultValue("10ms") Duration writeLinger,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("10s") Duration shutdownGrace,
        @DefaultValue("30d") Duration retention,
        @DefaultValue("1h") Duration retentionInterval) {

    public DeliveryProperties {
        retryDelays = retryDelays == null ? List.of() : List.copyOf(retryDelays);
        if (maxConcurrency < 1 || maxConcurrencyPerSubscription < 1) {
            throw new IllegalArgumentException("webhook concurrency limits must be at least 1");
        }
        if (maxConcurrencyPerSubscription > maxConcurrency) {
            throw new IllegalArgumentException(
                    "WEBHOOK_MAX_CONCURRENCY_PER_SUBSCRIPTION (" + maxConcurrencyPerSubscription
                            + ") must not exceed WEBHOOK_MAX_CONCURRENCY (" + maxConcurrency + ")");
        }
        if (autoDisableAfter < 0) {
            throw new IllegalArgumentException("WEBHOOK_AUTO_DISABLE_AFTER must be 0 (never) or more");
        }
        if (lease.compareTo(timeout.plusSeconds(1)) < 0) {
            throw new IllegalArgumentException("WEBHOOK_LEASE (" + lease + ") must outlast WEBHOOK_TIMEOUT (" + timeout
                    + ") by at least a second, or a slow request could be attempted twice at once");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("WEBHOOK_POLL_INTERVAL must be positive");
        }
        if (claimInterval.isNegative() || claimInterval.compareTo(pollInterval) > 0) {
            throw new IllegalArgumentException("WEBHOOK_CLAIM_INTERVAL (" + claimInterval
                    + ") must be zero or more and at most WEBHOOK_POLL_INTERVAL (" + pollInterval + ")");
        }
        GroupCommit.checkLinger("WEBHOOK_WRITE_LINGER", writeLinger);
        if (retention.isNegative()) {
            throw new IllegalArgumentException("WEBHOOK_RETENTION must be zero (keep forever) or more");
        }
        if (retentionInterval.isNegative() || retentionInterval.isZero()) {
            throw new IllegalArgumentException("WEBHOOK_RETENTION_INTERVAL must be positive");
        }
        if (vacuumInterval.isNegative()) {
            throw new IllegalArgumentException("WEBHOOK_VACUUM_INTERVAL must be zero (never) or more");
        }
    }

    public RetrySchedule schedule() {
        return RetrySchedule.of(retryDelays, maxAttempts, maxRetryAfter);
    }

    public Duration effectiveConnectTimeout() {
        return connectTimeout.compareTo(timeout) < 0 ? connectTimeout : timeout;
    }
}
