package dev.orders.orders.order;

/** No such order, or one the asking owner may not see (answered alike so as not to reveal it). */
public final class OrderNotFound extends OrderException {

    public OrderNotFound(String id) {
        super("order " + id + " not found");
    }
}
