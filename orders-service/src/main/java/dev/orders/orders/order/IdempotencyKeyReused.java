package dev.orders.orders.order;

/** The owner's Idempotency-Key already placed an order with different content. */
public final class IdempotencyKeyReused extends OrderException {

    public IdempotencyKeyReused() {
        super("this Idempotency-Key was used for a different order");
    }
}
