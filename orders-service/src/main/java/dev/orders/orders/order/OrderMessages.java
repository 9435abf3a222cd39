package dev.orders.orders.order;

import dev.orders.contracts.OrderStatus;
import dev.orders.contracts.OrderView;
import dev.orders.contracts.Patterns;
import dev.orders.contracts.ReleaseStock;
import dev.orders.contracts.ReserveStock;

/**
 * What an order's change tells the others. Called inside the change's transaction: the messages leave only if it
 * commits (the outbox), so a crash can neither change an order silently nor announce a change that did not happen.
 */
public interface OrderMessages {

    /** Announces the order as it now is, by the event its status names ({@link #eventOf}). */
    void changed(OrderView order);

    /** Asks products-service for the order's stock. */
    void reserveStock(ReserveStock request);

    /** Asks products-service to give the order's stock back (or refuse a reservation that arrives later). */
    void releaseStock(ReleaseStock request);

    /** The event that announces an order in {@code status}: created while PENDING, then how it ended. */
    static String eventOf(OrderStatus status) {
        return switch (status) {
            case PENDING -> Patterns.ORDER_CREATED;
            case CONFIRMED -> Patterns.ORDER_CONFIRMED;
            case REJECTED -> Patterns.ORDER_REJECTED;
            case CANCELLED -> Patterns.ORDER_CANCELLED;
        };
    }
}
