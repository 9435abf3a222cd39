package dev.orders.webhooks.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import dev.orders.webhooks.delivery.history.DeliveryFilter;

/**
 * Events, deliveries and their attempts. The schedule lives here ({@code next_attempt_at}), not in memory, so a
 * restarted publisher continues where the last one stopped.
 */
public interface Deliveries {

    /**
     * Stores the events not stored before and returns their ids; an id left out was stored before (a redelivered or
     * duplicated message), or appears earlier in the same list.
     */
    Set<String> insertEvents(List<WebhookEvent> events);

    /**
     * Stores the deliveries an event does not already have for their subscription; returns the ids of those stored.
     * The ones in {@code begun} are stored already leased to {@code leaseToken} until {@code leaseUntil} and with
     * their first attempt recorded {@code IN_FLIGHT}: this process sends them at once, with no claim and no
     * separate begin.
     */
    Set<String> insertDeliveries(List<Delivery> deliveries, Map<String, FirstAttempt> begun, String leaseToken,
                                 Instant leaseUntil);

    /** Attempt 1 of a delivery begun by the intake, as {@link #beginAttempts} would have recorded it. */
    record FirstAttempt(Instant at, long webhookTimestamp, String url) {
    }

    Optional<WebhookEvent> event(String id);

    /**
     * Leases up to {@code limit} due deliveries, oldest due first, at most {@code freeBySubscription} of a
     * subscription listed there and {@code perSubscription} of any other. Rows another process is claiming at the
     * same moment are skipped, not waited for.
     */
    List<ClaimedDelivery> claimDue(Instant now, Duration lease, String leaseToken, int limit, int perSubscription,
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

    /** Removes the dead row versions and index entries the queue leaves behind (PostgreSQL's VACUUM, not FULL). */
    void vacuum();

    /**
     * Deletes, with their attempts, up to {@code limit} deliveries that finished (SUCCEEDED or FAILED) before
     * {@code before}, oldest first from after the id {@code after} (null: from the start). Returns the ids deleted,
     * in order; fewer than {@code limit} means none is left past the last.
     */
    List<String> purgeFinished(Instant before, String after, int limit);

    /** Deletes up to {@code limit} events received before {@code before} that no delivery refers to any more. */
    int purgeEvents(Instant before, int limit);

    /** An attempt about to be sent: its time, the {@code webhook-timestamp} it is signed with, and where it goes. */
    record AttemptStart(ClaimedDelivery claim, Instant at, long webhookTimestamp, String url) {
    }

    record AttemptSuccess(ClaimedDelivery claim, int number, int httpStatus, long durationMillis, String responseBody,
                          Instant at) {
    }
}
