package dev.orders.edge.notifier;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param webhookSecret   {@code NOTIFIER_WEBHOOK_SECRET}, {@code whsec_<base64 key>}: the secret of the notifier's
 *                        subscription at the webhook publisher
 * @param defaultLocale   language of recipients without one, and of languages without templates
 * @param languages       languages that have a {@code notifier/messages_<language>.properties}
 * @param customerEvents  event type patterns that reach an order's own contact (not {@code order.created}, so a
 *                        confirmed order is one message)
 * @param maxAttempts     failures worth retrying (5xx, I/O, 429) before a delivery is FAILED
 * @param backoff         first wait after such a failure; doubled each time
 * @param maxBackoff      longest wait between two attempts
 * @param pollInterval    how often to look for due deliveries besides the wake-ups after each webhook
 * @param lease           how long an instance owns a delivery it is sending; then another may take it
 * @param batchSize       deliveries claimed per look
 * @param concurrency     deliveries being sent at once by this instance
 * @param retention       how long ended deliveries and the ids of webhooks acted on are kept; zero forever
 */
@ConfigurationProperties("edge.notifier")
public record NotifierProperties(
        String webhookSecret,
        @DefaultValue("es") String defaultLocale,
        @DefaultValue({"es", "en"}) List<String> languages,
        @DefaultValue({"order.confirmed", "order.rejected", "order.cancelled"}) List<String> customerEvents,
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

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "NotifierProperties[webhookSecret=<hidden>, defaultLocale=" + defaultLocale + ", languages=" + languages
                + ", customerEvents=" + customerEvents + ", maxAttempts=" + maxAttempts + ", backoff=" + backoff
                + ", maxBackoff=" + maxBackoff + ", pollInterval=" + pollInterval + ", lease=" + lease
                + ", batchSize=" + batchSize + ", concurrency=" + concurrency + ", retention=" + retention + "]";
    }
}
