package dev.orders.webhooks.delivery.intake;

import dev.orders.webhooks.delivery.Delivery;
import dev.orders.webhooks.delivery.FirstAttempt;
import dev.orders.webhooks.delivery.WebhookEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Where the intake writes: the events and the deliveries made of them. */
public interface EventStore {

    /**
     * Stores the events not stored before and returns their ids; an id left out was stored before (a redelivered or
     * duplicated message), or appears earlier in the same list.
     */
    Set<String> insertEvents(List<WebhookEvent> events);

    /**
     * Stores the deliveries an event does not already have for their subscription; returns the ids of those stored.
     * The ones in {@code begun} are stored already leased to {@code leaseToken} until {@code leaseUntil} and with
     * their first attempt recorded {@code IN_FLIGHT}: this process sends them at once, with no claim.
     */
    Set<String> insertDeliveries(
            List<Delivery> deliveries, Map<String, FirstAttempt> begun, String leaseToken, Instant leaseUntil);
}
