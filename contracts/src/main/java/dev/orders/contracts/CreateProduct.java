package dev.orders.contracts;

import java.math.BigDecimal;

/** Request {@code products.create}. */
public record CreateProduct(String name, BigDecimal price, Integer stock) {}
