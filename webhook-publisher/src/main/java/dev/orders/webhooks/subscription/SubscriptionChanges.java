package dev.orders.webhooks.subscription;

import java.util.List;

/**
 * A partial update: null leaves a field as it is. {@code description} can be cleared, so it carries its own flag.
 * Enabling clears the reason and the failure streak of an automatic disable.
 */
public record SubscriptionChanges(
        String url, List<String> eventTypes, boolean descriptionSet, String description, Boolean enabled) {

    public boolean isEmpty() {
        return url == null && eventTypes == null && !descriptionSet && enabled == null;
    }
}
