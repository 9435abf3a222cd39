package dev.orders.contracts;

import java.util.List;

/**
 * Event {@code product.stockReserved}: the outcome of a reservation, approved or not; {@code reason} is set when not.
 * {@code approved} is boxed so that a message without it is refused instead of read as false.
 */
public record ReservationOutcome(
        String orderId, String idempotencyKey, Boolean approved, String reason, List<OrderLine> items) {}
