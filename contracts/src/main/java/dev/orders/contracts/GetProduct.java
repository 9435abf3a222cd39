package dev.orders.contracts;

/** Request {@code products.get}. */
public record GetProduct(String id) {}
