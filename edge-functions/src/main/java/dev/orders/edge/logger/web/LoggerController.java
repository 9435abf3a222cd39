package dev.orders.edge.logger.web;

import dev.orders.contracts.Page;
import dev.orders.edge.EdgeProperties;
import dev.orders.edge.logger.EventFilter;
import dev.orders.edge.logger.EventLog;
import dev.orders.edge.logger.EventLogger;
import dev.orders.edge.logger.LoggedEvent;
import dev.orders.edge.logger.LoggerProperties;
import dev.orders.edge.webhook.StandardWebhook;
import dev.orders.edge.webhook.WebhookVerifier;
import dev.orders.edge.webhook.web.SignedWebhooks;
import dev.orders.infra.web.AdminOnly;
import dev.orders.infra.web.PageQuery;
import dev.orders.infra.web.Paging;
import dev.orders.infra.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/functions/v1/logger")
class LoggerController {

    private final EventLogger logger;
    private final EventLog log;
    private final WebhookVerifier verifier;

    LoggerController(EventLogger logger, EventLog log, LoggerProperties properties, EdgeProperties edge, Clock clock) {
        this.logger = logger;
        this.log = log;
        this.verifier = new WebhookVerifier(properties.webhookSecret(), clock, edge.signatureTolerance());
    }

    /** 201 when stored, 200 when this webhook id was stored before: either way the sender is done. */
    @PostMapping
    ResponseEntity<Logged> receive(HttpServletRequest request) throws IOException {
        StandardWebhook webhook = SignedWebhooks.read(verifier, request);
        return logger.record(webhook)
                .map(e -> ResponseEntity.status(HttpStatus.CREATED).body(new Logged(webhook.id(), false, e.id())))
                .orElseGet(() -> ResponseEntity.ok(new Logged(webhook.id(), true, null)));
    }

    @AdminOnly
    @GetMapping("/events")
    Page<LoggedEvent> events(EventQuery query, PageQuery page) {
        return Paging.page(page, query.filter(), log::page, LoggedEvent::id);
    }

    /** The listing's filters as the query string gives them. */
    record EventQuery(String type, String orderId, String from, String to) {

        EventFilter filter() {
            Instant since = Paging.instant(from, "from");
            Instant until = Paging.instant(to, "to");
            if (since != null && until != null && !since.isBefore(until)) {
                throw ProblemException.invalid("from", "must be before to");
            }
            return new EventFilter(Paging.filter(type, "type"), Paging.filter(orderId, "orderId"), since, until);
        }
    }

    /**
     * @param eventId the stored row's id; absent for a duplicate
     */
    record Logged(String webhookId, boolean duplicate, String eventId) {}
}
