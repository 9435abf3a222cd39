package dev.orders.webhooks.delivery;

import dev.orders.webhooks.subscription.Subscription;

/**
 * The dispatcher as the intake and the history see it. {@link #wake} says due work is waiting. A new delivery with
 * nothing ahead of it skips the claim: the intake takes its permits ({@link #tryReserve}), stores it leased with its
 * first attempt begun, and hands it over ({@link #startReserved}), or gives the permits back if it could not store it
 * ({@link #cancelReserved}).
 */
public interface DeliveryDispatch {

    /** Look for due deliveries now. */
    void wake();

    /**
     * Takes the permits for attempting a new delivery to {@code subscriptionId} at once, without claiming it: only
     * while the dispatcher runs, has no due delivery of that subscription waiting, and has permits free.
     */
    boolean tryReserve(String subscriptionId);

    /** Gives back the permits of {@link #tryReserve} for a delivery that was not stored. */
    void cancelReserved(String subscriptionId);

    /** Sends a delivery stored leased to this process with its first attempt begun, on the reserved permits. */
    void startReserved(ClaimedDelivery claim, Subscription subscription, FirstAttempt first);
}
