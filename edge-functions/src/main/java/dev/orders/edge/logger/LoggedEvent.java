package dev.orders.edge.logger;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One webhook as the logger stored it.
 *
 * @param eventTime the payload's {@code timestamp}: when the event happened
 * @param payload   the whole body, {@code {type, timestamp, data}}
 */
public record LoggedEvent(
        String id,
        String webhookId,
        String type,
        Instant eventTime,
        Instant receivedAt,
        String orderId,
        JsonNode payload) {}
