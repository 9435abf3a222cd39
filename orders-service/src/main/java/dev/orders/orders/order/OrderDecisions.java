package dev.orders.orders.order;

import dev.orders.contracts.OrderStatus;
import dev.orders.contracts.RejectionReasons;
import dev.orders.contracts.ReleaseStock;
import dev.orders.contracts.ReservationOutcome;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Turn a reservation outcome into {@code CONFIRMED} or {@code REJECTED}, exactly once: one transaction
 * holds a conditional update {@code WHERE status = 'PENDING'} and the event. That update is the guarantee; the
 * Redis check in front of it (ReservationOutcomeListener) only spares the database most replays. See
 * docs/reliability.md for each crash window.
 */
@Service
public class OrderDecisions {

    private final Orders orders;
    private final OrderMessages messages;
    private final TransactionOperations tx;
    private final Clock clock;

    OrderDecisions(Orders orders, OrderMessages messages, TransactionOperations tx, Clock clock) {
        this.orders = orders;
        this.messages = messages;
        this.tx = tx;
        this.clock = clock;
    }

    /** Applies the outcome to its order; an order already final stays as it is. */
    public void decide(ReservationOutcome outcome) {
        tx.executeWithoutResult(s -> decideInTransaction(outcome));
    }

    private void decideInTransaction(ReservationOutcome outcome) {
        Order order = orders.find(outcome.orderId()).orElseThrow(() -> UnknownReservation.noOrder(outcome.orderId()));
        if (!order.idempotencyKey().equals(outcome.idempotencyKey())) {
            throw UnknownReservation.keyOfAnotherOrder(outcome.orderId());
        }
        boolean approved = Boolean.TRUE.equals(outcome.approved());
        OrderStatus next = approved ? OrderStatus.CONFIRMED : OrderStatus.REJECTED;
        String reason = approved ? null : outcome.reason() == null ? RejectionReasons.OUT_OF_STOCK : outcome.reason();
        long now = clock.millis();
        if (orders.transition(order.id(), OrderStatus.PENDING, next, reason, now)) {
            Order decided = order.decided(next, reason, now);
            messages.changed(decided.view());
            return;
        }
        if (!approved) {
            return;
        }
        // already final, but maybe not as read above: on PostgreSQL an overlapping handling (its lock expired) may
        // have committed after that read, and the update waited for it. Act on the status as it is now.
        Order current = orders.find(order.id()).orElseThrow();
        if (endedWithoutConfirmation(current)) {
            // stock taken for an order that ended another way goes back
            String why = current.reason() == null ? current.status().name() : current.reason();
            messages.releaseStock(new ReleaseStock(current.id(), why));
        }
    }

    private static boolean endedWithoutConfirmation(Order order) {
        return order.status() == OrderStatus.CANCELLED
                || order.status() == OrderStatus.REJECTED && RejectionReasons.EXPIRED.equals(order.reason());
    }
}
