package dev.orders.webhooks.delivery.dispatch;

import java.time.Duration;

/**
 * What one request gave: the HTTP status if a response came, the first bytes of its body, or the error; plus the
 * receiver's {@code Retry-After} on 429 and 503.
 */
public record SendResult(
        Integer httpStatus, long durationMillis, String responseBody, String error, Duration retryAfter) {

    /** Any 2xx. A 3xx is a failure: redirects are not followed, since the new target was never checked. */
    public boolean succeeded() {
        return httpStatus != null && httpStatus >= 200 && httpStatus < 300;
    }

    public String describe() {
        if (error != null) {
            return error;
        }
        if (httpStatus >= 300 && httpStatus < 400) {
            return "HTTP " + httpStatus + " (redirects are not followed)";
        }
        return "HTTP " + httpStatus;
    }
}
