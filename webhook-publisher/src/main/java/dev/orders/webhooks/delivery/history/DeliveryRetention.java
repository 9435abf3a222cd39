package dev.orders.webhooks.delivery.history;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import dev.orders.infra.persistence.InBatches;
import dev.orders.webhooks.delivery.Deliveries;
import dev.orders.webhooks.delivery.DeliveryMetrics;
import dev.orders.webhooks.delivery.DeliveryProperties;

/**
 * Keeps the history for {@code WEBHOOK_RETENTION} (30 days): every {@code WEBHOOK_RETENTION_INTERVAL}
 * ({@link DeliveriesUpkeep}) it deletes the deliveries that finished before then, with their attempts, and then the
 * events no delivery refers to any more (those no subscription wanted, too). A delivery still PENDING is never
 * touched, however old, and neither is its event. It deletes in batches of {@value #BATCH}, each its own short
 * transaction that skips rows another holds, so a large first purge neither blocks the dispatcher nor holds locks
 * for long; several instances may run it at once.
 */
@Component
public class DeliveryRetention {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRetention.class);
    static final int BATCH = 1000;

    private final Deliveries deliveries;
    private final DeliveryProperties properties;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    /** What one purge deleted. */
    public record Purged(long deliveries, long events) {
    }

    DeliveryRetention(Deliveries deliveries, DeliveryProperties properties, DeliveryMetrics metrics, Clock clock) {
        this.deliveries = deliveries;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Deletes the history older than {@code before}: finished deliveries with their attempts, then lone events. */
    public Purged purge(Instant before) {
        return purge(before, BATCH);
    }

    /** As {@link #purge(Instant)}, {@code batch} rows per transaction. */
    public Purged purge(Instant before, int batch) {
        long deliveriesGone = 0;
        String after = null;
        List<String> gone;
        do {
            gone = deliveries.purgeFinished(before, after, batch);
            deliveriesGone += gone.size();
            if (!gone.isEmpty()) {
                after = gone.getLast();
            }
        } while (gone.size() == batch);
        long eventsGone = InBatches.deleteAll(batch, limit -> deliveries.purgeEvents(before, limit));
        metrics.purged("deliveries", deliveriesGone);
        metrics.purged("events", eventsGone);
        return new Purged(deliveriesGone, eventsGone);
    }

    /** Deletes the history older than the retention, as of now. */
    public void purgeExpired() {
        long started = System.nanoTime();
        Purged purged = purge(clock.instant().minus(properties.retention()));
        if (purged.deliveries() + purged.events() > 0) {
            log.info("Deleted the history older than {}: {} deliveries, {} events, in {} ms", properties.retention(),
                    purged.deliveries(), purged.events(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }
}
