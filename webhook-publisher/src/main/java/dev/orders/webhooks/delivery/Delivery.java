package dev.orders.webhooks.delivery;

import java.time.Instant;

/**
 * One event for one subscription. {@code attempts} counts every attempt of its life; {@code roundAttempts} those
 * since it was created or last replayed, which is what the retry schedule looks at.
 */
public record Delivery(
        String id,
        String eventId,
        String subscriptionId,
        String eventType,
        DeliveryStatus status,
        int attempts,
        int roundAttempts,
        int replays,
        Instant nextAttemptAt,
        Integer lastStatus,
        String lastError,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt) {

    public static final String WEBHOOK_ID_PREFIX = "msg_";

    /** The {@code webhook-id} header: the same on every attempt, so receivers can drop repeats. */
    public String webhookId() {
        return webhookId(id);
    }

    public static String webhookId(String deliveryId) {
        return WEBHOOK_ID_PREFIX + deliveryId;
    }

    /** As a replay leaves it: queued again now, with a fresh round of attempts. */
    public Delivery replayed(Instant now) {
        return new Delivery(
                id,
                eventId,
                subscriptionId,
                eventType,
                DeliveryStatus.PENDING,
                attempts,
                0,
                replays + 1,
                now,
                lastStatus,
                lastError,
                createdAt,
                now,
                null);
    }

    public static Delivery create(String id, String eventId, String subscriptionId, String eventType, Instant now) {
        return new Delivery(
                id,
                eventId,
                subscriptionId,
                eventType,
                DeliveryStatus.PENDING,
                0,
                0,
                0,
                now,
                null,
                null,
                now,
                now,
                null);
    }
}
