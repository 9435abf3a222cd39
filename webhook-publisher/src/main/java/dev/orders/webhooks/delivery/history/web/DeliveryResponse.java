package dev.orders.webhooks.delivery.history.web;

import dev.orders.webhooks.delivery.Delivery;
import java.time.Instant;

/** A delivery in a listing. {@code attemptCount} covers its whole life, replays included. */
record DeliveryResponse(
        String id,
        String webhookId,
        String subscriptionId,
        String eventId,
        String eventType,
        String status,
        int attemptCount,
        int replays,
        Instant nextAttemptAt,
        Integer lastStatus,
        String lastError,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt) {

    static DeliveryResponse of(Delivery d) {
        return new DeliveryResponse(
                d.id(),
                d.webhookId(),
                d.subscriptionId(),
                d.eventId(),
                d.eventType(),
                d.status().name(),
                d.attempts(),
                d.replays(),
                d.nextAttemptAt(),
                d.lastStatus(),
                d.lastError(),
                d.createdAt(),
                d.updatedAt(),
                d.completedAt());
    }
}
