package dev.orders.webhooks.delivery;

/**
 * {@code IN_FLIGHT} is written before the request goes out, so that an attempt cut short by a crash is not lost:
 * whoever claims the delivery next marks it {@code ABANDONED}.
 */
public enum AttemptOutcome {
    IN_FLIGHT,
    SUCCEEDED,
    FAILED,
    ABANDONED
}
