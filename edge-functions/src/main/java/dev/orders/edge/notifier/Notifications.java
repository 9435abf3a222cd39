package dev.orders.edge.notifier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code deliveries} table, which is also the durable send queue: rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, so several instances share the work and a crash loses none of it.
 */
public interface Notifications {

    /** False when this (webhook, recipient, channel) already has a row: a redelivered event sends nothing twice. */
    boolean insert(Notification delivery);

    /** Takes up to {@code limit} due rows for {@code lease}; they come back SENDING with this claim's token. */
    List<Claimed> claimDue(Instant now, Duration lease, String claimedBy, int limit);

    /** Writes the row's new state if the claim is still this one's; false when the lease was lost. */
    boolean finish(Notification next, String claimToken);

    /** Rows not yet sent at {@code from} follow the recipient to {@code to}. */
    int moveAddress(String channel, String from, String to, Instant now);

    Optional<Notification> find(String id);

    List<Notification> page(NotificationFilter filter, String before, int limit);

    /** Rows PENDING or SENDING. */
    long backlog();

    /**
     * Deletes up to {@code limit} deliveries that ended (SENT, FAILED, SKIPPED) before {@code before}, oldest first;
     * returns how many.
     */
    int purgeEnded(Instant before, int limit);

    record Claimed(Notification delivery, String claimToken) {}

    /** Every field optional. */
    record NotificationFilter(NotificationStatus status, String orderId, String recipientId, String webhookId) {}
}
