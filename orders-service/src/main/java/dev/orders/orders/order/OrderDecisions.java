package dev.orders.orders.order;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import dev.orders.contracts.OrderStatus;
import dev.orders.contracts.Patterns;
import dev.orders.contracts.RejectionReasons;
import dev.orders.contracts.ReleaseStock;
import dev.orders.contracts.ReservationOutcome;
import dev.orders.infra.idempotency.RedisIdempotency;
import dev.orders.infra.messaging.PoisonMessageException;
import dev.orders.infra.outbox.Outbox;

/**
 * Seed step 5: turn a reservation outcome into {@code CONFIRMED} or {@code REJECTED}, exactly once.
 * <ol>
 *   <li>{@code processed:{key}} in Redis: seen before, nothing to do;</li>
 *   <li>{@code lock:{key}} (SET NX, 10 s, owner token): another instance is on it, try again later;</li>
 *   <li>one transaction: conditional update {@code WHERE status = 'PENDING'} plus the event in the outbox;</li>
 *   <li>after the commit, {@code processed:{key}} for 24 h; then the lock is released by its owner.</li>
 * </ol>
 * The conditional update is the real guarantee: if Redis forgot the key (expired, restarted, unreachable before the
 * mark) a replay finds the order already final and changes nothing. See docs/reliability.md for each crash window.
 */
@Service
public class OrderDecisions {

    private static final Logger log = LoggerFactory.getLogger(OrderDecisions.class);

    private final Orders orders;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final RedisIdempotency idempotency;
    private final String productsQueue;

    OrderDecisions(Orders orders, Outbox outbox, TransactionTemplate tx, RedisIdempotency idempotency,
                   @Value("${orders.products-queue}") String productsQueue) {
        this.orders = orders;
        this.outbox = outbox;
        this.tx = tx;
        this.idempotency = idempotency;
        this.productsQueue = productsQueue;
    }

    /** Thrown when another instance holds the lock; the message is retried after a delay. */
    public static class LockBusyException extends RuntimeException {
        LockBusyException(String key) {
            super("lock:" + key + " is held by another consumer");
        }
    }

    public void onStockReserved(ReservationOutcome event) {
        String key = event.idempotencyKey();
        // the processed check and the lock in one Redis round trip, the mark and the release in another
        RedisIdempotency.Start start = idempotency.begin(key);
        switch (start) {
            case RedisIdempotency.AlreadyProcessed done ->
                    log.debug("Reservation outcome for order {} already processed", event.orderId());
            case RedisIdempotency.Busy busy -> throw new LockBusyException(key);
            case RedisIdempotency.Locked locked -> {
                try {
                    tx.executeWithoutResult(s -> decide(event));
                } catch (RuntimeException e) {
                    idempotency.release(locked.lock());
                    throw e;
                }
                idempotency.complete(locked);
            }
        }
    }

    private void decide(ReservationOutcome event) {
        Order order = orders.find(event.orderId())
                .orElseThrow(() -> new PoisonMessageException("no order " + event.orderId()));
        if (!order.idempotencyKey().equals(event.idempotencyKey())) {
            throw new PoisonMessageException("idempotency key does not belong to order " + event.orderId());
        }
        boolean approved = Boolean.TRUE.equals(event.approved());
        OrderStatus next = approved ? OrderStatus.CONFIRMED : OrderStatus.REJECTED;
        String reason = approved ? null
                : event.reason() == null ? RejectionReasons.OUT_OF_STOCK : event.reason();
        long now = System.currentTimeMillis();
        if (orders.transition(order.id(), OrderStatus.PENDING, next, reason, now)) {
            Order decided = order.decided(next, reason, now);
            outbox.publishEvent(next == OrderStatus.CONFIRMED ? Patterns.ORDER_CONFIRMED : Patterns.ORDER_REJECTED,
                    decided.view());
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
            outbox.sendToQueue(productsQueue, Patterns.PRODUCT_RELEASE_STOCK, new ReleaseStock(current.id(), why));
        }
    }

    private static boolean endedWithoutConfirmation(Order order) {
        return order.status() == OrderStatus.CANCELLED
                || order.status() == OrderStatus.REJECTED && RejectionReasons.EXPIRED.equals(order.reason());
    }
}
