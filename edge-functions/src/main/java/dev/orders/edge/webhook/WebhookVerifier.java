package dev.orders.edge.webhook;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * Checks a Standard Webhooks signature with one function's secret. The HMAC is the reference library's
 * ({@link Webhook#sign}); the timestamp window is checked here against an injected clock, because the library's own
 * {@code verify} reads the system clock and could never accept a fixed known-answer vector.
 */
public final class WebhookVerifier {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";

    private final Webhook webhook;
    private final Clock clock;
    private final Duration tolerance;

    /**
     * @param secret {@code whsec_<base64 key>}; never echoed in an exception
     */
    public WebhookVerifier(String secret, Clock clock, Duration tolerance) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("The webhook secret is empty; set it as whsec_<base64 key>");
        }
        try {
            this.webhook = new Webhook(secret.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The webhook secret is not whsec_<base64 key>");
        }
        this.clock = clock;
        this.tolerance = tolerance;
    }

    /**
     * @param header the request's header value by (case-insensitive) name, or null
     * @return the message id, its send time and the body as text
     * @throws WebhookRejected with the reason to give the sender in a 401
     */
    public Verified verify(UnaryOperator<String> header, byte[] body) throws WebhookRejected {
        return verify(checkHeaders(header), body);
    }

    /**
     * What can be checked before the body is read: the three headers are there and the timestamp is fresh. A
     * request that fails here is refused without reading its body.
     *
     * @throws WebhookRejected with the reason to give the sender in a 401
     */
    public Signed checkHeaders(UnaryOperator<String> header) throws WebhookRejected {
        String id = header.apply(ID);
        String timestamp = header.apply(TIMESTAMP);
        String signatures = header.apply(SIGNATURE);
        if (isBlank(id) || isBlank(timestamp) || isBlank(signatures)) {
            throw new WebhookRejected("The webhook-id, webhook-timestamp and webhook-signature headers are required.");
        }
        long seconds;
        Instant sentAt;
        try {
            seconds = Long.parseLong(timestamp.trim());
            sentAt = Instant.ofEpochSecond(seconds);
        } catch (NumberFormatException | DateTimeException e) {
            throw new WebhookRejected("webhook-timestamp must be Unix time in seconds.");
        }
        Instant now = clock.instant();
        if (Duration.between(sentAt, now).abs().compareTo(tolerance) > 0) {
            throw new WebhookRejected("webhook-timestamp is more than " + tolerance.toMinutes()
                    + " minutes away from now; sign every attempt with a fresh timestamp.");
        }
        return new Signed(id, seconds, sentAt, signatures);
    }

    /**
     * @param signed what {@link #checkHeaders} accepted
     * @throws WebhookRejected with the reason to give the sender in a 401
     */
    public Verified verify(Signed signed, byte[] body) throws WebhookRejected {
        String id = signed.id();
        long seconds = signed.seconds();
        Instant sentAt = signed.sentAt();
        String signatures = signed.signatures();
        String payload;
        try {
            payload = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            // the library signs text as UTF-8, so other bytes could only match by accident
            throw new WebhookRejected("The body is not UTF-8, so its signature cannot match.");
        }
        byte[] expected;
        try {
            String signature = webhook.sign(id, seconds, payload);
            expected = signature.substring(signature.indexOf(',') + 1).getBytes(StandardCharsets.US_ASCII);
        } catch (WebhookSigningException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
        for (String candidate : signatures.trim().split(" +")) {
            int comma = candidate.indexOf(',');
            if (comma > 0
                    && candidate.substring(0, comma).equals("v1")
                    && MessageDigest.isEqual(
                            candidate.substring(comma + 1).getBytes(StandardCharsets.US_ASCII), expected)) {
                return new Verified(id, sentAt, payload);
            }
        }
        throw new WebhookRejected("No webhook-signature matches this body with this function's secret.");
    }

    /** Test and tooling helper: the {@code webhook-signature} header value for a body. */
    public String sign(String id, long timestamp, String payload) {
        try {
            return webhook.sign(id, timestamp, payload);
        } catch (WebhookSigningException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** The headers of a request that passed {@link #checkHeaders}; its body is not verified yet. */
    public record Signed(String id, long seconds, Instant sentAt, String signatures) {}

    /** What a valid signature vouches for. */
    public record Verified(String id, Instant sentAt, String body) {}
}
