package dev.orders.edge.notifier;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The {@code notifier_inbox} table: the webhook ids the notifier has acted on. */
public interface NotifierInbox {

    /** A webhook to record. */
    record Entry(String webhookId, String type, String orderId, Instant receivedAt) {}

    /**
     * Records the webhook ids in one statement; returns those recorded now, leaving out ids recorded before (and an id
     * that appears twice in {@code entries} is recorded once). A concurrent first delivery of the same id makes this
     * wait for that transaction, then leave the id out.
     */
    Set<String> accept(List<Entry> entries);

    void countDeliveries(String webhookId, int deliveries);

    /** Deletes up to {@code limit} rows of webhooks received before {@code before}; returns how many. */
    int purgeBefore(Instant before, int limit);
}
