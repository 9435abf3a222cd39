package dev.orders.webhooks.subscription;

import java.time.Instant;
import java.util.List;

/**
 * Where and what to deliver. {@code consecutiveFailures} counts failed deliveries since the last successful one; the
 * subscription disables itself when it reaches the configured limit, and says why in {@code disabledReason}.
 */
public record Subscription(
        String id,
        String url,
        List<String> eventTypes,
        String description,
        boolean enabled,
        String disabledReason,
        Instant disabledAt,
        int consecutiveFailures,
        SigningSecrets secrets,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt) {

    public Subscription {
        eventTypes = List.copyOf(eventTypes);
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    public boolean wants(String eventType) {
        return EventTypes.matches(eventTypes, eventType);
    }
}
