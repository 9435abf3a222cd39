package dev.orders.infra.outbox;

/** One row of the outbox: a message to publish, exactly as it will go on the wire. */
public record OutboxRecord(String id, String exchange, String routingKey, String body, long createdAt, int attempts) {}
