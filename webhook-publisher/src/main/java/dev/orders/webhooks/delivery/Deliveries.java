package dev.orders.webhooks.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Events, deliveries and their attempts. The schedule lives here ({@code next_attempt_at}), not in memory, so a
 * restarted publisher continues where the last one stopped.
 */
public interface Deliveries {

    /** False when an event with this id was stored before: a redelivered or duplicated message. */
    boolean insertEvent(WebhookEvent event);

    /** False when the event already has a delivery for that subscription. */
    boolean insert(Delivery delivery);

    Optional<WebhookEvent> event(String id);

    /**
     * Leases up to {@code limit} due deliveries, at most {@code perSubscription} of any one subscription and none of
     * {@code skipSubscriptions}, oldest due first. Rows another process is claiming at the same moment are skipped,
     * not waited for.
     */
    List<ClaimedDelivery> claimDue(Instant now, Duration lease, String leaseToken, int limit, int perSubscription,
                                   Collection<String> skipSubscriptions);

    /** Gives a lease back without attempting: the delivery is due again at once. */
    void release(ClaimedDelivery claim);

    /** Marks attempts that a dead process left {@code IN_FLIGHT} as {@code ABANDONED}; returns how many. */
    int abandonInFlight(String deliveryId, Instant at, String error);

    /**
     * Counts a new attempt and records it {@code IN_FLIGHT} before anything is sent; its number, or empty when the
     * lease is not ours any more.
     */
    OptionalInt beginAttempt(ClaimedDelivery claim, Instant at, long webhookTimestamp, String url);

    /**
     * Records a successful attempt and completes the delivery {@code SUCCEEDED}, ending the subscription's failure
     * streak, at once; false when the lease was lost (the attempt is recorded all the same).
     */
    boolean succeed(ClaimedDelivery claim, int number, int httpStatus, long durationMillis, String responseBody,
                    Instant at);

    void finishAttempt(String deliveryId, int number, AttemptOutcome outcome, Integer httpStatus, long durationMillis,
                       String responseBody, String error);

    /** Still PENDING, due at {@code nextAttemptAt}; the lease is released. False when the lease was lost. */
    boolean reschedule(ClaimedDelivery claim, Instant nextAttemptAt, Integer lastStatus, String lastError,
                       Instant at);

    /** Final: SUCCEEDED or FAILED. False when the lease was lost. */
    boolean complete(ClaimedDelivery claim, DeliveryStatus status, Integer lastStatus, String lastError, Instant at);

    Optional<Delivery> find(String id);

    List<Attempt> attempts(String deliveryId);

    /** Newest first, after {@code cursor} (a delivery id from the previous page) when given. */
    List<Delivery> page(DeliveryFilter filter, String cursor, int limit);

    /** A finished delivery becomes PENDING again with a fresh round of attempts, due now; false if not finished. */
    boolean replay(String id, Instant at);

    /** {@link #replay} for every FAILED delivery of the subscription created at or after {@code since}. */
    int replayFailed(String subscriptionId, Instant since, Instant at);

    /** PENDING deliveries: due now, waiting for a retry, or being attempted. */
    long backlog();
}
