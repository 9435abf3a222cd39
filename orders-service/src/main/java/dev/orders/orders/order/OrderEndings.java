package dev.orders.orders.order;

import dev.orders.contracts.InvalidRequest;
import dev.orders.contracts.OrderStatus;
import dev.orders.contracts.OrderView;
import dev.orders.contracts.RejectionReasons;
import dev.orders.contracts.ReleaseStock;
import dev.orders.contracts.Validation;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The two ways an order ends other than by its reservation: cancelled by the client (from PENDING or CONFIRMED) or
 * expired (PENDING for too long, becomes REJECTED with reason EXPIRED). Either way the order's stock is released:
 * products-service gives back a reservation once, and voids one that has not arrived yet, so the race between an
 * ending and the reservation cannot leak or double-release stock.
 */
@Service
public class OrderEndings {

    private final Orders orders;
    private final OrderMessages messages;
    private final TransactionOperations tx;
    private final Clock clock;

    OrderEndings(Orders orders, OrderMessages messages, TransactionOperations tx, Clock clock) {
        this.orders = orders;
        this.messages = messages;
        this.tx = tx;
        this.clock = clock;
    }

    /** Cancels the order; with {@code ownerId}, only an order of that owner (another's is not found). */
    public OrderView cancel(String id, String ownerId) {
        if (!Validation.isUuid(id)) {
            throw new InvalidRequest("id", "must be a UUID");
        }
        // the status may change under us (the reservation outcome arrives); the conditional update notices
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<OrderView> done = tx.execute(s -> {
                Order order = orders.find(id.toLowerCase())
                        .filter(o -> o.visibleTo(ownerId))
                        .orElseThrow(() -> new OrderNotFound(id));
                if (order.status() == OrderStatus.REJECTED || order.status() == OrderStatus.CANCELLED) {
                    throw new OrderNotCancellable(id, order.status());
                }
                long now = clock.millis();
                if (!orders.transition(order.id(), order.status(), OrderStatus.CANCELLED, null, now)) {
                    return Optional.empty();
                }
                Order cancelled = order.decided(OrderStatus.CANCELLED, null, now);
                messages.changed(cancelled.view());
                messages.releaseStock(new ReleaseStock(order.id(), RejectionReasons.CANCELLED));
                return Optional.of(cancelled.view());
            });
            if (done.isPresent()) {
                return done.get();
            }
        }
        throw new IllegalStateException("order " + id + " kept changing while being cancelled");
    }

    /**
     * Rejects as EXPIRED up to {@code limit} of the orders PENDING since before {@code createdBefore}, in one
     * transaction; returns how many. An order decided meanwhile (by anyone) is left as it is.
     */
    public int expirePendingCreatedBefore(long createdBefore, int limit) {
        Integer expired = tx.execute(s -> {
            List<Order> ended =
                    orders.rejectPendingCreatedBefore(createdBefore, RejectionReasons.EXPIRED, clock.millis(), limit);
            for (Order order : ended) {
                messages.changed(order.view());
                messages.releaseStock(new ReleaseStock(order.id(), RejectionReasons.EXPIRED));
            }
            return ended.size();
        });
        return expired == null ? 0 : expired;
    }
}
