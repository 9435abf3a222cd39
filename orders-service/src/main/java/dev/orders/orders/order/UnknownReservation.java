package dev.orders.orders.order;

/** A reservation outcome that matches no order of ours; it can never be applied. */
public final class UnknownReservation extends OrderException {

    private UnknownReservation(String message) {
        super(message);
    }

    public static UnknownReservation noOrder(String orderId) {
        return new UnknownReservation("no order " + orderId);
    }

    public static UnknownReservation keyOfAnotherOrder(String orderId) {
        return new UnknownReservation("idempotency key does not belong to order " + orderId);
    }
}
