package dev.orders.orders.order;

import dev.orders.contracts.OrderView;
import dev.orders.contracts.ReleaseStock;
import dev.orders.contracts.ReserveStock;

/**
 * What an order's change tells the others. Called inside the change's transaction: the messages leave only if it
 * commits (the outbox), so a crash can neither change an order silently nor announce a change that did not happen.
 */
public interface OrderMessages {

    void created(OrderView order);

    void confirmed(OrderView order);

    void rejected(OrderView order);

    void cancelled(OrderView order);

    /** Asks products-service for the order's stock. */
    void reserveStock(ReserveStock request);

    /** Asks products-service to give the order's stock back (or refuse a reservation that arrives later). */
    void releaseStock(ReleaseStock request);
}
