package dev.orders.orders.order.messaging;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import dev.orders.contracts.Patterns;
import dev.orders.contracts.ReservationOutcome;
import dev.orders.contracts.Validation;
import dev.orders.contracts.Violation;
import dev.orders.infra.messaging.EventPattern;
import dev.orders.infra.messaging.InvalidMessageException;
import dev.orders.orders.order.OrderDecisions;

/** Reservation outcomes from products-service, on {@code orders_queue}. */
@Component
class ReservationOutcomeListener {

    private final OrderDecisions decisions;

    ReservationOutcomeListener(OrderDecisions decisions) {
        this.decisions = decisions;
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
        decisions.onStockReserved(event);
    }
}
