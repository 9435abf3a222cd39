package dev.orders.webhooks.subscription.web;

import dev.orders.webhooks.subscription.SubscriptionAdmin;
import java.time.Instant;
import java.util.List;

/** The answer to a create: the subscription and, this once, its secret. */
record SubscriptionCreatedResponse(
        String id,
        String url,
        List<String> eventTypes,
        String description,
        boolean enabled,
        String secret,
        Instant createdAt,
        Instant updatedAt) {

    static SubscriptionCreatedResponse of(SubscriptionAdmin.Created created) {
        var s = created.subscription();
        return new SubscriptionCreatedResponse(
                s.id(),
                s.url(),
                s.eventTypes(),
                s.description(),
                s.enabled(),
                created.secret(),
                s.createdAt(),
                s.updatedAt());
    }

    @Override
    public String toString() {
        return "SubscriptionCreatedResponse[id=" + id + ", secret=whsec_***]";
    }
}
