package dev.orders.webhooks.delivery;

import java.time.Instant;

/**
 * A platform event as received, with the webhook body that every delivery of it sends, byte for byte, and the trace
 * context of the message it came in (null without one).
 */
public record WebhookEvent(
        String id, String type, Instant occurredAt, Instant receivedAt, String payload, String traceContext) {}
