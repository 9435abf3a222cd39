package dev.orders.contracts;

/** One line of an order: a product and a positive quantity. */
public record OrderLine(String productId, int quantity) {}
