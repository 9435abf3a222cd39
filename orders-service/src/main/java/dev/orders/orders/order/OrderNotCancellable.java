package dev.orders.orders.order;

import dev.orders.contracts.OrderStatus;

/** The order already ended (REJECTED or CANCELLED); nothing moves it again. */
public final class OrderNotCancellable extends OrderException {

    public OrderNotCancellable(String id, OrderStatus status) {
        super("order " + id + " is " + status + " and cannot be cancelled");
    }
}
