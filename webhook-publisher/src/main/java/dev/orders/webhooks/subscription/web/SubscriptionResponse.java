package dev.orders.webhooks.subscription.web;

import dev.orders.webhooks.subscription.Subscription;
import java.time.Instant;
import java.util.List;

/** A subscription as the admin API shows it: never with a secret. */
record SubscriptionResponse(
        String id,
        String url,
        List<String> eventTypes,
        String description,
        boolean enabled,
        String disabledReason,
        Instant disabledAt,
        int consecutiveFailures,
        Instant previousSecretExpiresAt,
        Instant createdAt,
        Instant updatedAt) {

    static SubscriptionResponse of(Subscription s) {
        Instant previousExpires =
                s.secrets().previous() == null ? null : s.secrets().previousExpiresAt();
        return new SubscriptionResponse(
                s.id(),
                s.url(),
                s.eventTypes(),
                s.description(),
                s.enabled(),
                s.disabledReason(),
                s.disabledAt(),
                s.consecutiveFailures(),
                previousExpires,
                s.createdAt(),
                s.updatedAt());
    }
}
