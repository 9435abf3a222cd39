package dev.orders.edge.notifier;

import dev.orders.infra.dispatch.RetrySchedule;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The notifier's settings ({@code NOTIFIER_*}, documented in docs/edge-functions.md). A failure worth retrying (5xx,
 * I/O, 429) waits {@code backoff}, doubled each time up to {@code maxBackoff}, and the delivery is FAILED after
 * {@code maxAttempts} of them; {@code customerEvents} are the event types that reach an order's own contact.
 */
@ConfigurationProperties("edge.notifier")
public record NotifierProperties(
        String webhookSecret,
        @DefaultValue("es") String defaultLocale,
        @DefaultValue({"es", "en"}) List<String> languages,

        @DefaultValue({"order.confirmed", "order.rejected", "order.cancelled"})
        List<String> customerEvents,

        @DefaultValue("6") int maxAttempts,
        @DefaultValue("1s") Duration backoff,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("50") int batchSize,
        @DefaultValue("8") int concurrency,
        @DefaultValue("30d") Duration retention) {

    public NotifierProperties {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("NOTIFIER_RETENTION must be zero (keep forever) or more");
        }
    }

    public RetrySchedule schedule() {
        return RetrySchedule.exponential(backoff, maxBackoff, maxAttempts);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "NotifierProperties[webhookSecret=<hidden>, defaultLocale=" + defaultLocale + ", languages=" + languages
                + ", customerEvents=" + customerEvents + ", maxAttempts=" + maxAttempts + ", backoff=" + backoff
                + ", maxBackoff=" + maxBackoff + ", pollInterval=" + pollInterval + ", lease=" + lease
                + ", batchSize=" + batchSize + ", concurrency=" + concurrency + ", retention=" + retention + "]";
    }
}
