package dev.orders.webhooks.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Our own receiver-side check of a Standard Webhooks delivery, written from the spec with the JDK alone (not the
 * library that signs), so that a mistake shared by signer and verifier cannot hide: HMAC-SHA256 over
 * {@code id.timestamp.body} with the base64 key after {@code whsec_}, any of the space-separated {@code v1,}
 * signatures may match, and the timestamp must be within five minutes of now.
 */
public final class ReferenceVerifier {

    static final long TOLERANCE_SECONDS = 300;

    private ReferenceVerifier() {}

    /** Empty when valid; otherwise why not. */
    public static Optional<String> verify(
            String secret, String webhookId, long timestamp, String signatureHeader, String body, Instant now) {
        if (Math.abs(now.getEpochSecond() - timestamp) > TOLERANCE_SECONDS) {
            return Optional.of("timestamp " + timestamp + " is more than 5 minutes from now");
        }
        byte[] expected = hmac(secret, webhookId + "." + timestamp + "." + body);
        for (String candidate : signatureHeader.trim().split(" +")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !candidate.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(comma + 1));
            } catch (IllegalArgumentException notBase64) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return Optional.empty();
            }
        }
        return Optional.of("no signature matches");
    }

    public static Optional<String> verify(String secret, Receiver.Request request) {
        return verify(
                secret,
                request.header("webhook-id"),
                Long.parseLong(request.header("webhook-timestamp")),
                request.header("webhook-signature"),
                request.bodyText(),
                Instant.now());
    }

    private static byte[] hmac(String secret, String content) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
