package dev.orders.webhooks.delivery;

/**
 * A due delivery this process has leased: nobody else attempts it until the lease runs out. Every write about it
 * names {@code leaseToken}, so a process whose lease expired cannot overwrite the new holder's work.
 */
public record ClaimedDelivery(String id, String subscriptionId, String eventId, String eventType, String payload,
                              int roundAttempts, String leaseToken) {

    public String webhookId() {
        return Delivery.webhookId(id);
    }
}
