package dev.orders.webhooks.delivery.history;

import dev.orders.infra.Retention;
import dev.orders.infra.Upkeep;
import dev.orders.infra.persistence.InBatches;
import dev.orders.webhooks.delivery.DeliveryMetrics;
import dev.orders.webhooks.delivery.DeliveryProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * Keeps the history for {@code WEBHOOK_RETENTION}: every {@code WEBHOOK_RETENTION_INTERVAL} it deletes the deliveries
 * that finished before then, with their attempts, and then the events no delivery refers to any more (those no
 * subscription wanted, too). A PENDING delivery is never touched, however old, nor is its event. Each batch of
 * {@value Retention#BATCH} is its own short transaction that skips rows another holds, so a large first purge neither
 * blocks the dispatcher nor holds locks for long, and several instances may run it at once.
 */
@Component
public class DeliveryRetention extends Retention {

    private final HistoryPurge history;
    private final DeliveryMetrics metrics;

    DeliveryRetention(HistoryPurge history, DeliveryProperties properties, DeliveryMetrics metrics, Clock clock) {
        super("the webhook history", properties.retention(), clock);
        this.history = history;
        this.metrics = metrics;
    }

    /** Deletes the history older than {@code before}: finished deliveries with their attempts, then lone events. */
    @Override
    public Purged purge(Instant before) {
        return purge(before, BATCH);
    }

    /** As {@link #purge(Instant)}, {@code batch} rows per transaction. */
    public Purged purge(Instant before, int batch) {
        long deliveriesGone = 0;
        String after = null;
        List<String> gone;
        do {
            gone = history.purgeFinished(before, after, batch);
            deliveriesGone += gone.size();
            if (!gone.isEmpty()) {
                after = gone.getLast();
            }
        } while (gone.size() == batch);
        long eventsGone = InBatches.deleteAll(batch, limit -> history.purgeEvents(before, limit));
        metrics.purged("deliveries", deliveriesGone);
        metrics.purged("events", eventsGone);
        return Purged.of("deliveries", deliveriesGone, "events", eventsGone);
    }

    /** Runs the retention on a timer thread of its own. */
    @Configuration(proxyBeanMethods = false)
    static class Schedule {

        @Bean
        Upkeep deliveryRetentionUpkeep(DeliveryRetention retention, DeliveryProperties properties) {
            return Retention.upkeep("webhook-retention", properties.retentionInterval(), List.of(retention));
        }
    }
}
