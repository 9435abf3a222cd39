package dev.orders.webhooks.delivery.history;

import dev.orders.webhooks.delivery.Attempt;
import dev.orders.webhooks.delivery.Delivery;
import dev.orders.webhooks.delivery.WebhookEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The deliveries as the admin sees them: what happened, and sending a finished one again. */
public interface DeliveryLog {

    Optional<Delivery> find(String id);

    List<Attempt> attempts(String deliveryId);

    Optional<WebhookEvent> event(String id);

    /** Newest first, after {@code cursor} (a delivery id from the previous page) when given. */
    List<Delivery> page(DeliveryFilter filter, String cursor, int limit);

    /** A finished delivery becomes PENDING again with a fresh round of attempts, due now; false if not finished. */
    boolean replay(String id, Instant at);

    /** {@link #replay} for every FAILED delivery of the subscription created at or after {@code since}. */
    int replayFailed(String subscriptionId, Instant since, Instant at);
}
