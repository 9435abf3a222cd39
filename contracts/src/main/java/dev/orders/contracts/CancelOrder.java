package dev.orders.contracts;

/**
 * Request {@code orders.cancel}; the same shape as {@link GetOrder}.
 *
 * @param ownerId when set, only an order of this owner is cancelled: another caller's order answers
 *                {@code NOT_FOUND}, as one that does not exist. Null for an admin and for trusted internal traffic.
 */
public record CancelOrder(String id, String ownerId) {

    /** Any order, whoever placed it. */
    public CancelOrder(String id) {
        this(id, null);
    }
}
