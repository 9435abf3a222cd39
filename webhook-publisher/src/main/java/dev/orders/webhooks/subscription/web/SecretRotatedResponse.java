package dev.orders.webhooks.subscription.web;

import java.time.Instant;

/**
 * The new secret, shown this once; the previous one keeps signing until {@code previousSecretExpiresAt}, so
 * receivers can switch at their pace.
 */
record SecretRotatedResponse(String id, String secret, Instant previousSecretExpiresAt) {

    @Override
    public String toString() {
        return "SecretRotatedResponse[id=" + id + ", secret=whsec_***]";
    }
}
