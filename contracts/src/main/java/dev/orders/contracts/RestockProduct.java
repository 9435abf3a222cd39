package dev.orders.contracts;

/** Request {@code products.restock}: exactly one of {@code set} (new stock) or {@code add} (may be negative). */
public record RestockProduct(String id, Integer set, Integer add) {}
