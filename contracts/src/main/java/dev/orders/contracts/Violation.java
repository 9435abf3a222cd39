package dev.orders.contracts;

/** One invalid field: {@code field} is a JSON path such as {@code items[1].quantity}. */
public record Violation(String field, String message) {}
