package dev.orders.webhooks.delivery;

/**
 * A due delivery this process has leased: nobody else attempts it until the lease runs out. Every write about it
 * names {@code leaseToken}, so a process whose lease expired cannot overwrite the new holder's work.
 *
 * @param subscriptionVersion the subscription's version when the delivery was claimed (a cached copy of that
 *                            version may be used instead of reading it again)
 * @param reclaimed           another lease had been taken on it before and ran out: its holder may have left an
 *                            attempt {@code IN_FLIGHT}
 * @param traceContext        the event's trace context, which each attempt continues (null without one)
 */
public record ClaimedDelivery(
        String id,
        String subscriptionId,
        String eventId,
        String eventType,
        String payload,
        int roundAttempts,
        String leaseToken,
        long subscriptionVersion,
        boolean reclaimed,
        String traceContext) {

    public String webhookId() {
        return Delivery.webhookId(id);
    }
}
