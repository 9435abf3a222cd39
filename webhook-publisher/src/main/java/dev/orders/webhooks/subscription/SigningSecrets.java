package dev.orders.webhooks.subscription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys that sign a subscription's webhooks: the current one and, for a grace period after a rotation, the one
 * before it, so a receiver can switch keys without losing a message (Standard Webhooks allows several signatures).
 * {@link #toString()} never shows a key: this record may end up in a log line.
 */
public record SigningSecrets(String current, String previous, Instant previousExpiresAt) {

    /** Keys that sign at {@code now}, newest first. */
    public List<String> activeAt(Instant now) {
        List<String> keys = new ArrayList<>(2);
        keys.add(current);
        if (previous != null && previousExpiresAt != null && now.isBefore(previousExpiresAt)) {
            keys.add(previous);
        }
        return keys;
    }

    /** The new key signs from now on; the current one keeps signing until {@code graceEnd}. */
    public SigningSecrets rotate(String next, Instant graceEnd) {
        return new SigningSecrets(next, current, graceEnd);
    }

    @Override
    public String toString() {
        return "SigningSecrets[current=whsec_***, previous=" + (previous == null ? "none" : "whsec_***")
                + ", previousExpiresAt=" + previousExpiresAt + "]";
    }
}
