package dev.orders.orders.order;

import dev.orders.contracts.Customer;
import dev.orders.contracts.OrderLine;
import dev.orders.contracts.OrderStatus;
import dev.orders.contracts.OrderView;
import java.time.Instant;
import java.util.List;

/**
 * An order. It starts {@code PENDING} and moves once to a final status; nothing moves it again.
 *
 * @param idempotencyKey generated at creation; the reservation round trip is deduplicated on it
 * @param requestKey     what the creating request is deduplicated on (the owner's client key, or the request id)
 * @param requestHash    fingerprint of the creating request's content, to refuse a reused client key
 * @param ownerId        who placed it; only they and admins see it
 * @param notifyCustomer whether the customer's contact may be messaged about it
 */
public record Order(
        String id,
        String idempotencyKey,
        String requestKey,
        String requestHash,
        OrderStatus status,
        String reason,
        List<OrderLine> items,
        Customer customer,
        long createdAt,
        long updatedAt,
        String ownerId,
        boolean notifyCustomer) {

    public OrderView view() {
        return new OrderView(
                id,
                status,
                items,
                reason,
                customer,
                Instant.ofEpochMilli(createdAt),
                Instant.ofEpochMilli(updatedAt),
                ownerId,
                notifyCustomer);
    }

    public Order decided(OrderStatus next, String why, long at) {
        return new Order(
                id,
                idempotencyKey,
                requestKey,
                requestHash,
                next,
                why,
                items,
                customer,
                createdAt,
                at,
                ownerId,
                notifyCustomer);
    }

    /** An owner filter of a request: null lets every owner through (an admin, trusted internal traffic). */
    public boolean visibleTo(String owner) {
        return owner == null || owner.equals(ownerId);
    }
}
