package dev.orders.contracts;

import java.time.Instant;
import java.util.List;

/**
 * An order as its owner and admins see it: the reply to {@code orders.*} requests and the data of {@code order.*}
 * events.
 *
 * @param ownerId        who placed it
 * @param notifyCustomer whether the customer's contact may be messaged about it (the notifier reads this)
 */
public record OrderView(
        String id,
        OrderStatus status,
        List<OrderLine> items,
        String reason,
        Customer customer,
        Instant createdAt,
        Instant updatedAt,
        String ownerId,
        boolean notifyCustomer) {}
