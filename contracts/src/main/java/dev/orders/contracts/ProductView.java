package dev.orders.contracts;

import java.math.BigDecimal;

public record ProductView(String id, String name, BigDecimal price, int stock) {}
