package dev.orders.contracts;

/**
 * Request {@code orders.get}.
 *
 * @param ownerId when set, only an order of this owner is found: another caller's order answers {@code NOT_FOUND},
 *                as one that does not exist. Null for an admin and for trusted internal traffic.
 */
public record GetOrder(String id, String ownerId) {

    /** Any order, whoever placed it. */
    public GetOrder(String id) {
        this(id, null);
    }
}
