package dev.orders.contracts;

/** Request {@code orders.get} and {@code orders.cancel}. */
public record GetOrder(String id) {
}
