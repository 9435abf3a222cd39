package dev.orders.contracts;

/** Request {@code products.list}, ordered by id. */
public record ListProducts(Integer limit, String cursor) {}
