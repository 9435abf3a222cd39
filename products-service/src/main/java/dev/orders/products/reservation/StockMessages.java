package dev.orders.products.reservation;

import dev.orders.contracts.ReservationOutcome;
import dev.orders.contracts.StockReleased;

/**
 * What a reservation's change tells the others. Called inside the change's transaction: the messages leave only if
 * it commits (the outbox), so a crash can neither take stock without telling nor tell without taking.
 */
public interface StockMessages {

    /** {@code product.stockReserved}, approved or not. */
    void reservationDecided(ReservationOutcome outcome);

    /** {@code product.stockReleased}. */
    void released(StockReleased release);
}
