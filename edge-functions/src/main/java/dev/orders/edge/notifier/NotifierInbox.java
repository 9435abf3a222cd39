package dev.orders.edge.notifier;

import java.time.Instant;

/** The {@code notifier_inbox} table: the webhook ids the notifier has acted on. */
public interface NotifierInbox {

    /**
     * Records the webhook id; false when it was recorded before. A concurrent first delivery of the same id makes
     * this wait for that transaction, then answer false.
     */
    boolean accept(String webhookId, String type, String orderId, Instant now);

    void countDeliveries(String webhookId, int deliveries);
}
