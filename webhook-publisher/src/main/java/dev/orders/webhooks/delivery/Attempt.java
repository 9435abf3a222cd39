package dev.orders.webhooks.delivery;

import java.time.Instant;

/** One HTTP request of a delivery, as the history shows it. */
public record Attempt(
        String deliveryId,
        int number,
        AttemptOutcome outcome,
        Instant attemptedAt,
        long webhookTimestamp,
        String url,
        Integer httpStatus,
        Long durationMs,
        String responseBody,
        String error) {}
