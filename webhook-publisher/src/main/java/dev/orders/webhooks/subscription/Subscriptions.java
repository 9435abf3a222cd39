package dev.orders.webhooks.subscription;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where subscriptions are kept. Deleted ones stay, hidden, so their delivery history still names them. */
public interface Subscriptions {

    void insert(Subscription subscription);

    /** A subscription that is not deleted. */
    Optional<Subscription> find(String id);

    /** Also a deleted one: a delivery in flight must learn that its subscription is gone. */
    Optional<Subscription> findIncludingDeleted(String id);

    /** Newest first, after {@code cursor} (an id from the previous page) when given. */
    List<Subscription> page(String cursor, int limit);

    /** Enabled, not deleted: the candidates for a new event. */
    List<Subscription> enabled();

    /** Applies the changes that are set; false when there is no such (undeleted) subscription. */
    boolean update(String id, SubscriptionChanges changes, Instant at);

    /** Replaces the keys if the current one is still {@code expectedCurrent}: two rotations never both win. */
    boolean rotate(String id, String expectedCurrent, SigningSecrets secrets, Instant at);

    boolean delete(String id, Instant at);

    /**
     * Counts a delivery that finished FAILED: extends the failure streak and disables the subscription when the
     * streak reaches {@code disableAfter} (0: never). True when this call disabled it. (A success ends the streak in
     * the statement that records it, see the deliveries' {@code succeed}.)
     */
    boolean recordFailedDelivery(String id, int disableAfter, Instant at);
}
