package dev.orders.orders.order.messaging;

import dev.orders.contracts.Patterns;
import dev.orders.contracts.ReservationOutcome;
import dev.orders.contracts.Validation;
import dev.orders.contracts.Violation;
import dev.orders.infra.messaging.EventPattern;
import dev.orders.infra.messaging.InvalidMessageException;
import dev.orders.orders.idempotency.RedisIdempotency;
import dev.orders.orders.order.OrderDecisions;
import dev.orders.orders.order.OrderException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reservation outcomes from products-service, on {@code orders_queue}, each applied once (the seed's idempotent
 * consumer):
 * <ol>
 *   <li>{@code processed:{key}} in Redis: seen before, nothing to do;</li>
 *   <li>{@code lock:{key}} (SET NX, 10 s, owner token): another instance is on it, try again later;</li>
 *   <li>the decision, in one transaction (OrderDecisions);</li>
 *   <li>after the commit, {@code processed:{key}} for 24 h; then the lock is released by its owner.</li>
 * </ol>
 * If Redis forgot the key (expired, restarted, unreachable before the mark) a replay finds the order already final
 * and changes nothing.
 */
@Component
class ReservationOutcomeListener {

    private static final Logger log = LoggerFactory.getLogger(ReservationOutcomeListener.class);

    private final OrderDecisions decisions;
    private final RedisIdempotency idempotency;

    ReservationOutcomeListener(OrderDecisions decisions, RedisIdempotency idempotency) {
        this.decisions = decisions;
        this.idempotency = idempotency;
    }

    /** Thrown when another instance holds the lock; the message is retried after a delay. */
    static class LockBusyException extends RuntimeException {
        LockBusyException(String key) {
            super("lock:" + key + " is held by another consumer");
        }
    }

    @EventPattern(Patterns.PRODUCT_STOCK_RESERVED)
    void stockReserved(ReservationOutcome event) {
        List<Violation> violations = new ArrayList<>();
        if (!Validation.isUuid(event.orderId())) {
            violations.add(new Violation("orderId", "must be a UUID"));
        }
        if (event.idempotencyKey() == null || event.idempotencyKey().isBlank()) {
            violations.add(new Violation("idempotencyKey", "is required"));
        }
        if (event.approved() == null) {
            violations.add(new Violation("approved", "is required"));
        }
        InvalidMessageException.check(violations);
        applyOnce(event);
    }

    private void applyOnce(ReservationOutcome event) {
        String key = event.idempotencyKey();
        // the processed check and the lock in one Redis round trip, the mark and the release in another
        RedisIdempotency.Start start = idempotency.begin(key);
        switch (start) {
            case RedisIdempotency.AlreadyProcessed done ->
                log.debug("Reservation outcome for order {} already processed", event.orderId());
            case RedisIdempotency.Busy busy -> throw new LockBusyException(key);
            case RedisIdempotency.Locked locked -> {
                try {
                    decisions.decide(event);
                } catch (RuntimeException e) {
                    idempotency.release(locked.lock());
                    throw e instanceof OrderException refused ? OrderErrors.toTransport(refused) : e;
                }
                idempotency.complete(locked);
            }
        }
    }
}
