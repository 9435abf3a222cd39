package dev.orders.orders.order;

import dev.orders.contracts.OrderStatus;
import java.util.List;
import java.util.Optional;

/** The orders table. Status changes are conditional on the current status: the database is the state guard. */
public interface Orders {

    void insert(Order order);

    Optional<Order> find(String id);

    Optional<Order> findByRequestKey(String requestKey);

    /** Newest first, ids below {@code before} (null for the first page), optionally of one status and one owner. */
    List<Order> page(OrderStatus status, String ownerId, String before, int limit);

    /**
     * Moves up to {@code limit} of the orders still {@code PENDING} that were created before {@code createdBefore}
     * (oldest first) to {@code REJECTED} with {@code reason}, in one statement; returns the orders it moved, as they
     * are now. An order decided meanwhile by anyone else is not among them.
     */
    List<Order> rejectPendingCreatedBefore(long createdBefore, String reason, long at, int limit);

    /** Moves the order from {@code from} to {@code to}; false when it was not in {@code from}. */
    boolean transition(String id, OrderStatus from, OrderStatus to, String reason, long at);
}
