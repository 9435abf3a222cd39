package dev.orders.webhooks.subscription;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Standard Webhooks secrets: {@code whsec_} and the base64 of 32 random bytes. An admin may bring their own (for a
 * receiver whose key is fixed in its configuration) if it has 24 to 64 bytes, as the spec asks.
 */
public final class Secrets {

    public static final String PREFIX = "whsec_";
    static final int KEY_BYTES = 32;
    static final int MIN_BYTES = 24;
    static final int MAX_BYTES = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    /** What is wrong with a secret an admin supplied; empty when it can sign. Never echoes the value. */
    public static java.util.Optional<String> problem(String secret) {
        String rule =
                "must be " + PREFIX + " followed by the base64 of " + MIN_BYTES + " to " + MAX_BYTES + " random bytes";
        if (secret == null || !secret.startsWith(PREFIX)) {
            return java.util.Optional.of(rule);
        }
        try {
            int length = Base64.getDecoder().decode(secret.substring(PREFIX.length())).length;
            return length >= MIN_BYTES && length <= MAX_BYTES
                    ? java.util.Optional.empty()
                    : java.util.Optional.of(rule);
        } catch (IllegalArgumentException notBase64) {
            return java.util.Optional.of(rule);
        }
    }

    public static String generate() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }
}
