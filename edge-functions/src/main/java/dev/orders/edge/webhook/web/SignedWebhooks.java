package dev.orders.edge.webhook.web;

import dev.orders.edge.webhook.InvalidWebhook;
import dev.orders.edge.webhook.StandardWebhook;
import dev.orders.edge.webhook.WebhookRejected;
import dev.orders.edge.webhook.WebhookVerifier;
import dev.orders.infra.web.ProblemException;
import dev.orders.infra.web.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A function's request, checked in the order a sender can act on: the signature headers and the timestamp before
 * the body is read at all (401), then the signature over the body (401), then the payload (400). A request without
 * fresh signature headers costs no body read.
 */
public final class SignedWebhooks {

    private SignedWebhooks() {}

    public static StandardWebhook read(WebhookVerifier verifier, HttpServletRequest request) throws IOException {
        WebhookVerifier.Verified verified;
        try {
            WebhookVerifier.Signed signed = verifier.checkHeaders(request::getHeader);
            verified = verifier.verify(signed, request.getInputStream().readAllBytes());
        } catch (WebhookRejected e) {
            throw new ProblemException(
                    ProblemType.UNAUTHORIZED,
                    e.getMessage(),
                    List.of(),
                    Map.of("WWW-Authenticate", "Signature realm=\"standard-webhooks\""));
        }
        try {
            return StandardWebhook.parse(verified.id(), verified.body());
        } catch (InvalidWebhook e) {
            throw new ProblemException(
                    e.violations().isEmpty() ? ProblemType.MALFORMED_REQUEST : ProblemType.VALIDATION,
                    e.getMessage(),
                    e.violations(),
                    Map.of());
        }
    }
}
