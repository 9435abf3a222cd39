package dev.orders.webhooks.delivery;

import java.time.Instant;

/**
 * Attempt 1 of a delivery the intake stores leased to this process and recorded {@code IN_FLIGHT} in the same
 * statement: its time, the {@code webhook-timestamp} it is signed with, and where it goes.
 */
public record FirstAttempt(Instant at, long webhookTimestamp, String url) {}
