package dev.orders.webhooks.delivery.history.web;

import dev.orders.infra.json.WireJson;
import dev.orders.webhooks.delivery.Attempt;
import dev.orders.webhooks.delivery.Delivery;
import dev.orders.webhooks.delivery.history.DeliveryHistory;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** One delivery with every attempt and the body it sends. */
record DeliveryDetailsResponse(
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
        Instant completedAt,
        JsonNode payload,
        List<AttemptResponse> attempts) {

    record AttemptResponse(
            int number,
            String outcome,
            Instant attemptedAt,
            long webhookTimestamp,
            String url,
            Integer httpStatus,
            Long durationMs,
            String responseBody,
            String error) {

        static AttemptResponse of(Attempt a) {
            return new AttemptResponse(
                    a.number(),
                    a.outcome().name(),
                    a.attemptedAt(),
                    a.webhookTimestamp(),
                    a.url(),
                    a.httpStatus(),
                    a.durationMs(),
                    a.responseBody(),
                    a.error());
        }
    }

    static DeliveryDetailsResponse of(DeliveryHistory.Details details) {
        Delivery d = details.delivery();
        JsonNode payload = details.payload() == null ? null : WireJson.mapper().readTree(details.payload());
        return new DeliveryDetailsResponse(
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
                d.completedAt(),
                payload,
                details.attempts().stream().map(AttemptResponse::of).toList());
    }
}
