package dev.orders.webhooks.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import dev.orders.infra.ids.Ids;
import dev.orders.infra.persistence.GroupCommit;
import dev.orders.webhooks.subscription.Subscription;
import dev.orders.webhooks.subscription.Subscriptions;

/**
 * Seed step 6, first half: an event becomes one delivery per matching enabled subscription, in one transaction with
 * the event itself, so the message may be acknowledged as soon as this returns. Nothing is sent here: the consumer
 * thread only writes, and the dispatcher does the HTTP work from the database. Events that arrive together on the
 * listener's consumers share one transaction ({@link GroupCommit}): two statements and one commit for the batch.
 */
@Service
public class EventIntake {

    private static final Logger log = LoggerFactory.getLogger(EventIntake.class);
    private static final int MAX_BATCH = 64;

    private final Deliveries deliveries;
    private final Subscriptions subscriptions;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final DeliveryDispatcher dispatcher;
    private final DeliveryMetrics metrics;
    private final GroupCommit<WebhookEvent, Integer> writes;

    EventIntake(Deliveries deliveries, Subscriptions subscriptions, TransactionTemplate tx, Clock clock,
                DeliveryDispatcher dispatcher, DeliveryMetrics metrics) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.tx = tx;
        this.clock = clock;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        // the listener's consumers hand their events in at once: one transaction stores what arrived meanwhile
        this.writes = new GroupCommit<>(this::write, MAX_BATCH);
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
        int result = writes.submit(event);
        metrics.eventReceived(type, result < 0);
        if (result < 0) {
            log.debug("Event {} ({}) was received before; nothing to do", eventId, type);
        } else if (result > 0) {
            log.debug("Event {} ({}): {} deliveries", eventId, type, result);
            dispatcher.wake();
        }
        return result;
    }

    /** Per event, in order: the deliveries created, or -1 when it had been stored before (or earlier in the batch). */
    private List<Integer> write(List<WebhookEvent> events) {
        return tx.execute(status -> {
            Set<String> inserted = deliveries.insertEvents(events);
            List<Subscription> enabled = inserted.isEmpty() ? List.of() : subscriptions.enabled();
            List<Delivery> rows = new ArrayList<>();
            Set<String> planned = new HashSet<>();
            for (WebhookEvent event : events) {
                if (inserted.contains(event.id()) && planned.add(event.id())) {
                    for (Subscription subscription : enabled) {
                        if (subscription.wants(event.type())) {
                            rows.add(Delivery.create(Ids.newId(), event.id(), subscription.id(), event.type(),
                                    event.receivedAt()));
                        }
                    }
                }
            }
            Map<String, Integer> created = deliveries.insertDeliveries(rows);
            Set<String> answered = new HashSet<>();
            List<Integer> results = new ArrayList<>(events.size());
            for (WebhookEvent event : events) {
                results.add(inserted.contains(event.id()) && answered.add(event.id())
                        ? created.getOrDefault(event.id(), 0) : -1);
            }
            return results;
        });
    }
}
