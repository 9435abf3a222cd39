package dev.orders.contracts;

import java.util.List;

/**
 * Request {@code orders.create}.
 *
 * @param requestKey optional client idempotency key: the same key with the same lines and customer returns the same
 *                   order; with different ones it is refused. Without it, the request id of the envelope protects
 *                   against redelivery of this one message.
 */
public record CreateOrder(List<OrderLine> items, Customer customer, String requestKey) {
}
