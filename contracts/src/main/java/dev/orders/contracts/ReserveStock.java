package dev.orders.contracts;

import java.util.List;

/** Event {@code product.reserveStock}: take stock for every line of an order, or for none. */
public record ReserveStock(String orderId, String idempotencyKey, List<OrderLine> items) {}
