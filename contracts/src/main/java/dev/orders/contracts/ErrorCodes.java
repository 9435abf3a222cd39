package dev.orders.contracts;

/**
 * {@code code} values of a handled error reply ({@code {"err":{"status":"error","message":..,"code":..}}}).
 * The gateway maps them to HTTP statuses.
 */
public final class ErrorCodes {

    private ErrorCodes() {}

    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    public static final String IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";
    public static final String CONFLICT = "CONFLICT";
}
