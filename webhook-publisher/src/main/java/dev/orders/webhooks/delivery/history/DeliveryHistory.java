package dev.orders.webhooks.delivery.history;

import dev.orders.webhooks.delivery.Attempt;
import dev.orders.webhooks.delivery.Delivery;
import dev.orders.webhooks.delivery.DeliveryDispatch;
import dev.orders.webhooks.delivery.WebhookEvent;
import dev.orders.webhooks.subscription.Subscription;
import dev.orders.webhooks.subscription.Subscriptions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** The admin side of deliveries: history and replays. */
@Service
public class DeliveryHistory {

    private static final Logger log = LoggerFactory.getLogger(DeliveryHistory.class);

    private final DeliveryLog deliveries;
    private final Subscriptions subscriptions;
    private final DeliveryDispatch dispatch;
    private final Clock clock;

    DeliveryHistory(DeliveryLog deliveries, Subscriptions subscriptions, DeliveryDispatch dispatch, Clock clock) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.dispatch = dispatch;
        this.clock = clock;
    }

    /** A delivery with its attempts, oldest first, and the exact body it sends. */
    public record Details(Delivery delivery, List<Attempt> attempts, String payload) {}

    public enum Replay {
        REPLAYED,
        NOT_FOUND,
        STILL_PENDING,
        SUBSCRIPTION_INACTIVE
    }

    /** {@code delivery}: as the replay left it (queued again), when the outcome is {@code REPLAYED}. */
    public record ReplayedDelivery(Replay outcome, Delivery delivery) {}

    public record ReplayedFailures(Replay outcome, int count) {}

    public List<Delivery> page(DeliveryFilter filter, String cursor, int limit) {
        return deliveries.page(filter, cursor, limit);
    }

    public Optional<Details> find(String id) {
        return deliveries
                .find(id)
                .map(d -> new Details(
                        d,
                        deliveries.attempts(id),
                        deliveries.event(d.eventId()).map(WebhookEvent::payload).orElse(null)));
    }

    /**
     * Sends a finished delivery again with a fresh round of attempts. Same {@code webhook-id}: a receiver that
     * already processed it may drop it, as Standard Webhooks intends.
     */
    public ReplayedDelivery replay(String id) {
        Optional<Delivery> delivery = deliveries.find(id);
        if (delivery.isEmpty()) {
            return new ReplayedDelivery(Replay.NOT_FOUND, null);
        }
        if (!active(delivery.get().subscriptionId())) {
            return new ReplayedDelivery(Replay.SUBSCRIPTION_INACTIVE, null);
        }
        Instant now = clock.instant();
        if (!deliveries.replay(id, now)) {
            return new ReplayedDelivery(Replay.STILL_PENDING, null);
        }
        log.info("Delivery {} replayed", id);
        dispatch.wake();
        // not read back: the dispatcher may already be sending it
        return new ReplayedDelivery(Replay.REPLAYED, delivery.get().replayed(now));
    }

    /** Every FAILED delivery of the subscription created at or after {@code since}. */
    public ReplayedFailures replayFailed(String subscriptionId, Instant since) {
        Optional<Subscription> subscription = subscriptions.find(subscriptionId);
        if (subscription.isEmpty()) {
            return new ReplayedFailures(Replay.NOT_FOUND, 0);
        }
        if (!subscription.get().enabled()) {
            return new ReplayedFailures(Replay.SUBSCRIPTION_INACTIVE, 0);
        }
        int count = deliveries.replayFailed(subscriptionId, since, clock.instant());
        log.info("Subscription {}: {} failed deliveries since {} replayed", subscriptionId, count, since);
        if (count > 0) {
            dispatch.wake();
        }
        return new ReplayedFailures(Replay.REPLAYED, count);
    }

    private boolean active(String subscriptionId) {
        return subscriptions.find(subscriptionId).map(Subscription::enabled).orElse(false);
    }
}
