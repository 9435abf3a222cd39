package dev.orders.infra.outbox;

/**
 * One row of the outbox: a message to publish, exactly as it will go on the wire, and the trace context of the
 * transaction that wrote it ({@link dev.orders.infra.messaging.TraceHeaders#capture()}; null without one).
 */
public record OutboxRecord(
        String id,
        String exchange,
        String routingKey,
        String body,
        long createdAt,
        int attempts,
        String traceContext) {}
