package dev.orders.webhooks.delivery;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import dev.orders.infra.ids.Ids;
import dev.orders.webhooks.subscription.Subscription;
import dev.orders.webhooks.subscription.Subscriptions;

/**
 * Seed step 6, first half: an event becomes one delivery per matching enabled subscription, in one transaction with
 * the event itself, so the message may be acknowledged as soon as this returns. Nothing is sent here: the consumer
 * thread only writes, and the dispatcher does the HTTP work from the database.
 */
@Service
public class EventIntake {

    private static final Logger log = LoggerFactory.getLogger(EventIntake.class);

    private final Deliveries deliveries;
    private final Subscriptions subscriptions;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final DeliveryDispatcher dispatcher;
    private final DeliveryMetrics metrics;

    EventIntake(Deliveries deliveries, Subscriptions subscriptions, TransactionTemplate tx, Clock clock,
                DeliveryDispatcher dispatcher, DeliveryMetrics metrics) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.tx = tx;
        this.clock = clock;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
    }

    /** The number of deliveries created; -1 when the event had been received before (nothing is done again). */
    public int accept(String eventId, String type, JsonNode data) {
        return accept(eventId, type, data, null);
    }

    /**
     * As {@link #accept(String, String, JsonNode)}; {@code sentAt} (the message's timestamp: when the producer
     * committed the event) dates events whose data carries no {@code updatedAt}, such as product.stockReserved.
     */
    public int accept(String eventId, String type, JsonNode data, Instant sentAt) {
        Instant now = clock.instant();
        Instant occurredAt = WebhookPayload.occurredAt(data, sentAt != null ? sentAt : now);
        WebhookEvent event = new WebhookEvent(eventId, type, occurredAt, now,
                WebhookPayload.render(type, occurredAt, data));
        Integer created = tx.execute(status -> {
            if (!deliveries.insertEvent(event)) {
                return -1;
            }
            int count = 0;
            for (Subscription subscription : subscriptions.enabled()) {
                if (subscription.wants(type) && deliveries.insert(
                        Delivery.create(Ids.newId(), eventId, subscription.id(), type, now))) {
                    count++;
                }
            }
            return count;
        });
        int result = created == null ? 0 : created;
        metrics.eventReceived(type, result < 0);
        if (result < 0) {
            log.debug("Event {} ({}) was received before; nothing to do", eventId, type);
        } else if (result > 0) {
            log.debug("Event {} ({}): {} deliveries", eventId, type, result);
            dispatcher.wake();
        }
        return result;
    }
}
