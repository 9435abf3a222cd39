package dev.orders.edge.notifier;

import dev.orders.edge.EdgeProperties;
import dev.orders.edge.webhook.InvalidWebhook;
import dev.orders.edge.webhook.StandardWebhook;
import dev.orders.infra.ids.Ids;
import dev.orders.infra.observability.TraceHeaders;
import dev.orders.infra.persistence.GroupCommit;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notifier's part inside the request: determine the recipients ({@link Audience}), render their messages and queue one delivery
 * each, all in one transaction with the webhook id, so the 2xx means the work is durable and a redelivered webhook
 * adds nothing. Sending happens afterwards, in {@link NotificationDispatcher}.
 */
@Service
public class Notifier {

    private static final int MAX_BATCH = 64;

    private final NotifierInbox inbox;
    private final Audience audience;
    private final Notifications deliveries;
    private final MessageTemplates templates;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final NotificationDispatcher dispatcher;
    private final GroupCommit<Received, Outcome> writes;
    private final TraceHeaders tracing;

    Notifier(
            NotifierInbox inbox,
            Audience audience,
            Notifications deliveries,
            MessageTemplates templates,
            TransactionTemplate tx,
            Clock clock,
            NotificationDispatcher dispatcher,
            EdgeProperties edge,
            TraceHeaders tracing) {
        this.tracing = tracing;
        this.inbox = inbox;
        this.audience = audience;
        this.deliveries = deliveries;
        this.templates = templates;
        this.tx = tx;
        this.clock = clock;
        this.dispatcher = dispatcher;
        // webhooks received together (or, under a steady stream, within the linger) share one transaction
        this.writes = new GroupCommit<>(this::write, MAX_BATCH, edge.writeLinger());
    }

    /** @throws InvalidWebhook when a known event type carries data a message cannot be made of */
    public Outcome receive(StandardWebhook webhook) throws InvalidWebhook {
        EventFacts facts = EventFacts.of(webhook);
        // on the request's thread, in the span of the webhook's request
        Outcome outcome = writes.submit(new Received(webhook, facts, clock.instant(), tracing.capture()));
        if (outcome.deliveries() > 0) {
            dispatcher.wake();
        }
        return outcome;
    }

    /**
     * Webhooks received together share one transaction, one insert into the inbox and one read of the subscribers;
     * each is answered only after it committed.
     */
    private List<Outcome> write(List<Received> batch) {
        return tx.execute(status -> {
            List<Outcome> outcomes = new ArrayList<>(batch.size());
            Set<String> accepted = inbox.accept(batch.stream()
                    .map(r -> new NotifierInbox.Entry(
                            r.webhook().id(), r.webhook().type(), r.facts().orderId(), r.at()))
                    .toList());
            List<Recipient> subscribers = accepted.isEmpty() ? List.of() : audience.subscribers();
            Set<String> handled = new HashSet<>();
            for (Received received : batch) {
                String id = received.webhook().id();
                // the first of the batch with an id not seen before does the work; any other is a duplicate
                outcomes.add(
                        accepted.contains(id) && handled.add(id) ? queue(received, subscribers) : new Outcome(true, 0));
            }
            return outcomes;
        });
    }

    private Outcome queue(Received received, List<Recipient> subscribers) {
        StandardWebhook webhook = received.webhook();
        EventFacts facts = received.facts();
        Instant now = received.at();
        int queued = 0;
        for (Recipient recipient : audience.of(facts, now, subscribers)) {
            MessageTemplates.Rendered message = templates.render(facts, recipient.locale());
            if (deliveries.insert(Notification.pending(
                    Ids.newId(),
                    webhook.id(),
                    webhook.type(),
                    facts.orderId(),
                    recipient,
                    message.language(),
                    message.subject(),
                    message.html(),
                    now,
                    received.traceContext()))) {
                queued++;
            }
        }
        if (queued > 0) { // the row starts at 0
            inbox.countDeliveries(webhook.id(), queued);
        }
        return new Outcome(false, queued);
    }

    private record Received(StandardWebhook webhook, EventFacts facts, Instant at, String traceContext) {}

    /**
     * @param duplicate  this webhook id was handled before; nothing was done now
     * @param deliveries deliveries queued by this call
     */
    public record Outcome(boolean duplicate, int deliveries) {}
}
