package dev.orders.contracts;

import java.util.List;

/**
 * Request {@code orders.create}.
 *
 * @param requestKey     optional client idempotency key, scoped to the owner: the same owner, key, lines and customer
 *                       return the same order; different lines or customer are refused. Without it, the request id of
 *                       the envelope protects against redelivery of this one message.
 * @param ownerId        who places the order (the gateway's authenticated caller); when absent, the sender is trusted
 *                       internal traffic and orders-service records its configured default owner
 * @param notifyCustomer whether the customer's contact may be messaged about this order (the caller holds the
 *                       {@code orders.notify} scope); absent means yes, as for any trusted internal sender
 */
public record CreateOrder(
        List<OrderLine> items, Customer customer, String requestKey, String ownerId, Boolean notifyCustomer) {

    /** An order from trusted internal traffic: the default owner, and its customer may be notified. */
    public CreateOrder(List<OrderLine> items, Customer customer, String requestKey) {
        this(items, customer, requestKey, null, null);
    }
}
