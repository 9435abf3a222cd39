package dev.orders.contracts;

/**
 * Request {@code orders.list}: newest first.
 *
 * @param status optional filter
 * @param limit  1..100, default 20
 * @param cursor opaque, from the previous page's {@code nextCursor}
 */
public record ListOrders(OrderStatus status, Integer limit, String cursor) {
}
