package dev.orders.webhooks.delivery;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Standard Webhooks signatures with the reference library: {@code v1,<base64 HMAC-SHA256(key, id.timestamp.body)>},
 * one per active key, separated by spaces (a receiver accepts the message if any of them verifies).
 */
public final class WebhookSigner {

    private WebhookSigner() {}

    public static String signatureHeader(List<String> secrets, String webhookId, long timestamp, String body) {
        return secrets.stream()
                .map(secret -> sign(secret, webhookId, timestamp, body))
                .collect(Collectors.joining(" "));
    }

    static String sign(String secret, String webhookId, long timestamp, String body) {
        try {
            return new Webhook(secret).sign(webhookId, timestamp, body);
        } catch (WebhookSigningException e) {
            // never include the secret: this message may be logged
            throw new IllegalStateException("Cannot sign webhook " + webhookId + ": " + e.getMessage());
        }
    }
}
