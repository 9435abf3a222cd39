package dev.orders.edge.webhook.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import dev.orders.edge.webhook.InvalidWebhook;
import dev.orders.edge.webhook.StandardWebhook;
import dev.orders.edge.webhook.WebhookRejected;
import dev.orders.edge.webhook.WebhookVerifier;
import dev.orders.infra.web.ProblemException;
import dev.orders.infra.web.ProblemType;

/** A function's request, checked in the order a sender can act on: signature first (401), then payload (400). */
public final class SignedWebhooks {

    private SignedWebhooks() {
    }

    public static StandardWebhook read(WebhookVerifier verifier, HttpHeaders headers, byte[] body) {
        WebhookVerifier.Verified verified;
        try {
            verified = verifier.verify(headers::getFirst, body == null ? new byte[0] : body);
        } catch (WebhookRejected e) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, e.getMessage(), List.of(),
                    Map.of("WWW-Authenticate", "Signature realm=\"standard-webhooks\""));
        }
        try {
            return StandardWebhook.parse(verified.id(), verified.body());
        } catch (InvalidWebhook e) {
            throw new ProblemException(e.violations().isEmpty() ? ProblemType.MALFORMED_REQUEST : ProblemType.VALIDATION,
                    e.getMessage(), e.violations(), Map.of());
        }
    }
}
