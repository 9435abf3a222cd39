package dev.orders.edge.notifier;

public enum NotificationStatus {
    /** Waiting for its time ({@code nextAttemptAt}). */
    PENDING,
    /** Claimed by an instance until {@code nextAttemptAt}; after that anyone may claim it again. */
    SENDING,
    SENT,
    FAILED,
    /** Nothing was sent on purpose: the channel is not configured, or the recipient is inactive or gone. */
    SKIPPED;

    public boolean isFinal() {
        return this == SENT || this == FAILED || this == SKIPPED;
    }
}
