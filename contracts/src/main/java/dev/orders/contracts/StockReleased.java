package dev.orders.contracts;

import java.util.List;

/**
 * Event {@code product.stockReleased}: the answer to a release. {@code released} is true when stock went back (the
 * items say how much), false when there was nothing to give back (never reserved, already released, or voided
 * before any reservation arrived).
 */
public record StockReleased(String orderId, boolean released, String reason, List<OrderLine> items) {}
