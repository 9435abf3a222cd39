package dev.orders.products.reservation.messaging;

import dev.orders.contracts.Patterns;
import dev.orders.contracts.ReservationOutcome;
import dev.orders.contracts.StockReleased;
import dev.orders.infra.outbox.Outbox;
import dev.orders.products.reservation.StockMessages;
import org.springframework.stereotype.Component;

/** Reservation events to the events exchange (bound to orders' queue), through the outbox. */
@Component
class OutboxStockMessages implements StockMessages {

    private final Outbox outbox;

    OutboxStockMessages(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void reservationDecided(ReservationOutcome outcome) {
        outbox.publishEvent(Patterns.PRODUCT_STOCK_RESERVED, outcome);
    }

    @Override
    public void released(StockReleased release) {
        outbox.publishEvent(Patterns.PRODUCT_STOCK_RELEASED, release);
    }
}
