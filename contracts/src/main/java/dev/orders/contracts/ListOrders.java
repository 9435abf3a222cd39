package dev.orders.contracts;

/**
 * Request {@code orders.list}: newest first.
 *
 * @param status  optional filter
 * @param limit   1..100, default 20
 * @param cursor  opaque, from the previous page's {@code nextCursor}
 * @param ownerId optional filter: only the orders of this owner (the gateway always sets it for a caller who is not
 *                an admin)
 */
public record ListOrders(OrderStatus status, Integer limit, String cursor, String ownerId) {

    /** Every owner's orders. */
    public ListOrders(OrderStatus status, Integer limit, String cursor) {
        this(status, limit, cursor, null);
    }
}
