package dev.orders.orders.order;

/** Why an order use case refused: the messaging adapter answers each kind with its error code or dead-letters it. */
public abstract sealed class OrderException extends RuntimeException
        permits InvalidOrderRequest, OrderNotFound, OrderNotCancellable, IdempotencyKeyReused, UnknownReservation {

    OrderException(String message) {
        super(message);
    }
}
