package dev.orders.orders.order;

/**
 * Why an order use case refused: the messaging adapter answers each kind with its error code or dead-letters it. A
 * request that breaks the contract's rules is refused with {@link dev.orders.contracts.InvalidRequest} instead.
 */
public abstract sealed class OrderException extends RuntimeException
        permits OrderNotFound, OrderNotCancellable, IdempotencyKeyReused, UnknownReservation {

    OrderException(String message) {
        super(message);
    }
}
