package dev.orders.edge.notifier.web;

import dev.orders.edge.EdgeProperties;
import dev.orders.edge.notifier.Notifier;
import dev.orders.edge.notifier.NotifierProperties;
import dev.orders.edge.webhook.InvalidWebhook;
import dev.orders.edge.webhook.StandardWebhook;
import dev.orders.edge.webhook.WebhookVerifier;
import dev.orders.edge.webhook.web.SignedWebhooks;
import dev.orders.infra.web.ProblemException;
import dev.orders.infra.web.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class NotifierController {

    private final Notifier notifier;
    private final WebhookVerifier verifier;

    NotifierController(Notifier notifier, NotifierProperties properties, EdgeProperties edge, Clock clock) {
        this.notifier = notifier;
        this.verifier = new WebhookVerifier(properties.webhookSecret(), clock, edge.signatureTolerance());
    }

    /** 202 with the number of deliveries queued; 200 when this webhook id was handled before. */
    @PostMapping("/functions/v1/notifier")
    ResponseEntity<Queued> receive(HttpServletRequest request) throws IOException {
        StandardWebhook webhook = SignedWebhooks.read(verifier, request);
        Notifier.Outcome outcome;
        try {
            outcome = notifier.receive(webhook);
        } catch (InvalidWebhook e) {
            throw new ProblemException(ProblemType.VALIDATION, e.getMessage(), e.violations(), Map.of());
        }
        Queued answer = new Queued(webhook.id(), outcome.duplicate(), outcome.deliveries());
        return outcome.duplicate()
                ? ResponseEntity.ok(answer)
                : ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
    }

    record Queued(String webhookId, boolean duplicate, int deliveries) {}
}
