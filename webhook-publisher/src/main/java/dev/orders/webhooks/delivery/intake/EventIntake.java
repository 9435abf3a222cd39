package dev.orders.webhooks.delivery.intake;

import dev.orders.infra.ids.Ids;
import dev.orders.infra.observability.TraceHeaders;
import dev.orders.infra.persistence.GroupCommit;
import dev.orders.webhooks.delivery.ClaimedDelivery;
import dev.orders.webhooks.delivery.Delivery;
import dev.orders.webhooks.delivery.DeliveryDispatch;
import dev.orders.webhooks.delivery.DeliveryMetrics;
import dev.orders.webhooks.delivery.DeliveryProperties;
import dev.orders.webhooks.delivery.FirstAttempt;
import dev.orders.webhooks.delivery.WebhookEvent;
import dev.orders.webhooks.delivery.WebhookPayload;
import dev.orders.webhooks.subscription.Subscription;
import dev.orders.webhooks.subscription.Subscriptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The publisher's intake: an event becomes one delivery per matching enabled subscription, in one transaction with
 * the event itself, so the message may be acknowledged as soon as this returns. Nothing is sent on the consumer
 * thread: a delivery whose subscription has nothing waiting and a permit free is stored leased to this process and
 * handed to the dispatcher's workers once committed (no claim needed); the others wait for the dispatcher to claim
 * them. Events that arrive together on the listener's consumers share one transaction ({@link GroupCommit}): two
 * statements and one commit for the batch.
 */
@Service
public class EventIntake {

    private static final Logger log = LoggerFactory.getLogger(EventIntake.class);
    private static final int MAX_BATCH = 64;

    private final EventStore store;
    private final Subscriptions subscriptions;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final DeliveryDispatch dispatch;
    private final DeliveryMetrics metrics;
    private final DeliveryProperties properties;
    private final GroupCommit<WebhookEvent, Integer> writes;
    private final TraceHeaders tracing;

    EventIntake(
            EventStore store,
            Subscriptions subscriptions,
            TransactionTemplate tx,
            Clock clock,
            DeliveryDispatch dispatch,
            DeliveryMetrics metrics,
            DeliveryProperties properties,
            TraceHeaders tracing) {
        this.tracing = tracing;
        this.store = store;
        this.subscriptions = subscriptions;
        this.tx = tx;
        this.clock = clock;
        this.dispatch = dispatch;
        this.metrics = metrics;
        this.properties = properties;
        // the listener's consumers hand their events in at once: one transaction stores what arrived meanwhile, and
        // under a steady stream what arrives within the linger
        this.writes = new GroupCommit<>(this::write, MAX_BATCH, properties.writeLinger());
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
        // on the listener's thread, in the consumer span of the message the event came in
        WebhookEvent event = new WebhookEvent(
                eventId, type, occurredAt, now, WebhookPayload.render(type, occurredAt, data), tracing.capture());
        int result = writes.submit(event);
        metrics.eventReceived(type, result < 0);
        if (result < 0) {
            log.debug("Event {} ({}) was received before; nothing to do", eventId, type);
        } else if (result > 0) {
            log.debug("Event {} ({}): {} deliveries", eventId, type, result);
        }
        return result;
    }

    /**
     * A new delivery this process will attempt at once, with the permits the dispatcher reserved for it; its first
     * attempt is recorded in the same statement that stores it.
     */
    private record Reserved(
            Delivery delivery, Subscription subscription, String payload, String traceContext, FirstAttempt first) {

        /**
         * As a claim would have returned it, first attempt of its round; no subscription version (-1), since the
         * subscription read in the same transaction goes with it.
         */
        ClaimedDelivery leased(String leaseToken) {
            return new ClaimedDelivery(
                    delivery.id(),
                    delivery.subscriptionId(),
                    delivery.eventId(),
                    delivery.eventType(),
                    payload,
                    0,
                    leaseToken,
                    -1,
                    false,
                    traceContext);
        }
    }

    /**
     * Per event, in order: the deliveries created, or -1 when it had been stored before (or earlier in the batch).
     * A delivery whose subscription has nothing waiting and a permit free is stored leased to this process and
     * attempted as soon as the transaction has committed, with no claim; the others wait for the dispatcher.
     */
    private List<Integer> write(List<WebhookEvent> events) {
        String leaseToken = UUID.randomUUID().toString();
        List<Reserved> reserved = new ArrayList<>();
        List<Integer> results;
        try {
            results = tx.execute(status -> store(events, leaseToken, reserved));
        } catch (RuntimeException | Error e) {
            reserved.forEach(r -> dispatch.cancelReserved(r.subscription().id()));
            throw e;
        }
        for (Reserved r : reserved) {
            dispatch.startReserved(r.leased(leaseToken), r.subscription(), r.first());
        }
        int created = results.stream().mapToInt(n -> Math.max(n, 0)).sum();
        if (created > reserved.size()) {
            dispatch.wake(); // some wait for a claim
        }
        return results;
    }

    /** Stores the events and their deliveries; {@code reserved} ends up holding those stored leased to this process. */
    private List<Integer> store(List<WebhookEvent> events, String leaseToken, List<Reserved> reserved) {
        Set<String> inserted = store.insertEvents(events);
        List<Subscription> enabled = inserted.isEmpty() ? List.of() : subscriptions.enabled();
        List<Delivery> rows = new ArrayList<>();
        Set<String> planned = new HashSet<>();
        Instant now = clock.instant();
        for (WebhookEvent event : events) {
            if (inserted.contains(event.id()) && planned.add(event.id())) {
                for (Subscription subscription : enabled) {
                    if (subscription.wants(event.type())) {
                        Delivery row = Delivery.create(
                                Ids.newId(), event.id(), subscription.id(), event.type(), event.receivedAt());
                        rows.add(row);
                        if (dispatch.tryReserve(subscription.id())) {
                            reserved.add(new Reserved(
                                    row,
                                    subscription,
                                    event.payload(),
                                    event.traceContext(),
                                    new FirstAttempt(now, now.getEpochSecond(), subscription.url())));
                        }
                    }
                }
            }
        }
        Map<String, FirstAttempt> begun = new HashMap<>();
        reserved.forEach(r -> begun.put(r.delivery().id(), r.first()));
        Set<String> created = store.insertDeliveries(rows, begun, leaseToken, now.plus(properties.lease()));
        reserved.removeIf(r -> {
            if (created.contains(r.delivery().id())) {
                return false;
            }
            dispatch.cancelReserved(r.subscription().id());
            return true;
        });
        Map<String, Integer> counts = new HashMap<>();
        for (Delivery row : rows) {
            if (created.contains(row.id())) {
                counts.merge(row.eventId(), 1, Integer::sum);
            }
        }
        Set<String> answered = new HashSet<>();
        List<Integer> results = new ArrayList<>(events.size());
        for (WebhookEvent event : events) {
            results.add(
                    inserted.contains(event.id()) && answered.add(event.id())
                            ? counts.getOrDefault(event.id(), 0)
                            : -1);
        }
        return results;
    }
}
