package dev.orders.webhooks.delivery.history;

import dev.orders.webhooks.delivery.DeliveryStatus;
import java.time.Instant;

/** Listing filters; null means any. {@code from} inclusive, {@code to} exclusive, on the creation time. */
public record DeliveryFilter(
        String subscriptionId, String eventType, DeliveryStatus status, Instant from, Instant to) {}
