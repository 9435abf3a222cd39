package dev.orders.edge.notifier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code deliveries} table, which is also the durable send queue: rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, so several instances share the work and a crash loses none of it.
 */
public interface Deliveries {

    /** False when this (webhook, recipient, channel) already has a row: a redelivered event sends nothing twice. */
    boolean insert(Delivery delivery);

    /** Takes up to {@code limit} due rows for {@code lease}; they come back SENDING with this claim's token. */
    List<Claimed> claimDue(Instant now, Duration lease, String claimedBy, int limit);

    /** Writes the row's new state if the claim is still this one's; false when the lease was lost. */
    boolean finish(Delivery next, String claimToken);

    /** Rows not yet sent at {@code from} follow the recipient to {@code to}. */
    int moveAddress(String channel, String from, String to, Instant now);

    Optional<Delivery> find(String id);

    List<Delivery> page(DeliveryFilter filter, String before, int limit);

    /** Rows PENDING or SENDING. */
    long backlog();

    /**
     * Deletes up to {@code limit} deliveries that ended (SENT, FAILED, SKIPPED) before {@code before}, oldest first;
     * returns how many.
     */
    int purgeEnded(Instant before, int limit);

    record Claimed(Delivery delivery, String claimToken) {
    }

    /** Every field optional. */
    record DeliveryFilter(DeliveryStatus status, String orderId, String recipientId, String webhookId) {
    }
}
