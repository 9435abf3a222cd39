package dev.orders.webhooks.delivery.dispatch;

import dev.orders.webhooks.delivery.AttemptOutcome;
import dev.orders.webhooks.delivery.ClaimedDelivery;
import dev.orders.webhooks.delivery.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The deliveries as a work queue. The schedule lives in the table ({@code next_attempt_at}), not in memory, so a
 * restarted publisher continues where the last one stopped. Every write names the claim's lease token, so a process
 * whose lease ran out cannot overwrite the new holder's work.
 */
public interface DeliveryQueue {

    /**
     * Leases up to {@code limit} due deliveries, oldest due first, at most {@code freeBySubscription} of a
     * subscription listed there and {@code perSubscription} of any other. Rows another process is claiming at the
     * same moment are skipped, not waited for.
     */
    List<ClaimedDelivery> claimDue(
            Instant now,
            Duration lease,
            String leaseToken,
            int limit,
            int perSubscription,
            Map<String, Integer> freeBySubscription);

    /** Gives a lease back without attempting: the delivery is due again at once. */
    void release(ClaimedDelivery claim);

    /** Marks attempts that a dead process left {@code IN_FLIGHT} as {@code ABANDONED}; returns how many. */
    int abandonInFlight(String deliveryId, Instant at, String error);

    /**
     * Counts a new attempt of each and records it {@code IN_FLIGHT} before anything is sent, in one statement; per
     * start, in order, the attempt's number, or empty when the lease is not ours any more.
     */
    List<OptionalInt> beginAttempts(List<AttemptStart> starts);

    /**
     * Records successful attempts and completes their deliveries {@code SUCCEEDED}, ending their subscriptions'
     * failure streaks, in one statement; returns the ids of the deliveries completed: one left out had lost its
     * lease (its attempt is recorded all the same).
     */
    Set<String> succeed(List<AttemptSuccess> successes);

    void finishAttempt(
            String deliveryId,
            int number,
            AttemptOutcome outcome,
            Integer httpStatus,
            long durationMillis,
            String responseBody,
            String error);

    /** Still PENDING, due at {@code nextAttemptAt}; the lease is released. False when the lease was lost. */
    boolean reschedule(ClaimedDelivery claim, Instant nextAttemptAt, Integer lastStatus, String lastError, Instant at);

    /** Final: SUCCEEDED or FAILED. False when the lease was lost. */
    boolean complete(ClaimedDelivery claim, DeliveryStatus status, Integer lastStatus, String lastError, Instant at);

    /** PENDING deliveries: due now, waiting for a retry, or being attempted. */
    long backlog();

    /** Removes the dead row versions and index entries the queue leaves behind (PostgreSQL's VACUUM, not FULL). */
    void vacuum();

    /** An attempt about to be sent: its time, the {@code webhook-timestamp} it is signed with, and where it goes. */
    record AttemptStart(ClaimedDelivery claim, Instant at, long webhookTimestamp, String url) {}

    record AttemptSuccess(
            ClaimedDelivery claim, int number, int httpStatus, long durationMillis, String responseBody, Instant at) {}
}
