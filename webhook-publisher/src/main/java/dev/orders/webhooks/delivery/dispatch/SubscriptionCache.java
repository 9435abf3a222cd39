package dev.orders.webhooks.delivery.dispatch;

import dev.orders.webhooks.subscription.Subscription;
import dev.orders.webhooks.subscription.Subscriptions;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The subscriptions that attempts need, kept in memory per version. A claim reads each subscription's version in the
 * same statement as the delivery (every change bumps it, on any instance), so a cached copy is used only when it is
 * the version the claim saw; otherwise the row is read again. Saves a query per attempt.
 */
@Component
class SubscriptionCache {

    private static final int MAX_ENTRIES = 10_000;

    private record Entry(long version, Optional<Subscription> subscription) {}

    private final Subscriptions subscriptions;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    SubscriptionCache(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    /** The subscription as of {@code version} or later; empty when it does not exist. */
    Optional<Subscription> find(String id, long version) {
        Entry cached = entries.get(id);
        if (cached != null && cached.version() == version) {
            return cached.subscription();
        }
        // read after the claim, so at least as new as the version it is filed under
        Optional<Subscription> found = subscriptions.findIncludingDeleted(id);
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(id, new Entry(version, found));
        return found;
    }
}
