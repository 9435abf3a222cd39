package dev.orders.edge.logger;

import java.time.Instant;

/** Every field optional; {@code from} inclusive, {@code to} exclusive, both on the event time. */
public record EventFilter(String type, String orderId, Instant from, Instant to) {}
