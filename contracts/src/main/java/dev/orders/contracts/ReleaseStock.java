package dev.orders.contracts;

/**
 * Event {@code product.releaseStock}: give back what was reserved for an order, once; and refuse any reservation for
 * it that arrives later.
 */
public record ReleaseStock(String orderId, String reason) {}
