package dev.orders.contracts;

import java.time.Instant;
import java.util.List;

/** An order as every caller sees it: the reply to {@code orders.*} requests and the data of {@code order.*} events. */
public record OrderView(String id, OrderStatus status, List<OrderLine> items, String reason, Customer customer,
                        Instant createdAt, Instant updatedAt) {
}
