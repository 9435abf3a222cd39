package dev.orders.products.reservation.messaging;

import dev.orders.contracts.Patterns;
import dev.orders.contracts.ReleaseStock;
import dev.orders.contracts.ReserveStock;
import dev.orders.contracts.Validation;
import dev.orders.contracts.Violation;
import dev.orders.infra.messaging.EventPattern;
import dev.orders.infra.messaging.InvalidMessageException;
import dev.orders.products.reservation.StockReservationService;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Events on {@code products_queue} from orders-service. */
@Component
class StockRequestListener {

    private final StockReservationService reservations;

    StockRequestListener(StockReservationService reservations) {
        this.reservations = reservations;
    }

    @EventPattern(Patterns.PRODUCT_RESERVE_STOCK)
    void reserve(ReserveStock event) {
        List<Violation> violations = new ArrayList<>(Validation.orderLines(event.items(), "items"));
        if (!Validation.isUuid(event.orderId())) {
            violations.add(new Violation("orderId", "must be a UUID"));
        }
        if (event.idempotencyKey() == null || event.idempotencyKey().isBlank()) {
            violations.add(new Violation("idempotencyKey", "is required"));
        }
        InvalidMessageException.check(violations);
        reservations.reserve(event);
    }

    @EventPattern(Patterns.PRODUCT_RELEASE_STOCK)
    void release(ReleaseStock event) {
        if (!Validation.isUuid(event.orderId())) {
            throw new InvalidMessageException(List.of(new Violation("orderId", "must be a UUID")));
        }
        reservations.release(event);
    }
}
