package dev.orders.edge.notifier;

import dev.orders.edge.EdgeProperties;
import dev.orders.edge.channel.Channels;
import dev.orders.edge.webhook.InvalidWebhook;
import dev.orders.edge.webhook.StandardWebhook;
import dev.orders.infra.ids.Ids;
import dev.orders.infra.observability.TraceHeaders;
import dev.orders.infra.persistence.GroupCommit;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notifier's part inside the request: determine the recipients, render their messages and queue one delivery
 * each, all in one transaction with the webhook id, so the 2xx means the work is durable and a redelivered webhook
 * adds nothing. Sending happens afterwards, in {@link NotificationDispatcher}.
 */
@Service
public class Notifier {

    static final String TELEGRAM = "TELEGRAM";
    static final String EMAIL = "EMAIL";
    private static final int MAX_BATCH = 64;

    private final NotifierInbox inbox;
    private final Recipients recipients;
    private final Notifications deliveries;
    private final Channels channels;
    private final MessageTemplates templates;
    private final NotifierProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final NotificationDispatcher dispatcher;
    private final GroupCommit<Received, Outcome> writes;
    private final TraceHeaders tracing;

    Notifier(
            NotifierInbox inbox,
            Recipients recipients,
            Notifications deliveries,
            Channels channels,
            MessageTemplates templates,
            NotifierProperties properties,
            TransactionTemplate tx,
            Clock clock,
            NotificationDispatcher dispatcher,
            EdgeProperties edge,
            TraceHeaders tracing) {
        this.tracing = tracing;
        this.inbox = inbox;
        this.recipients = recipients;
        this.deliveries = deliveries;
        this.channels = channels;
        this.templates = templates;
        this.properties = properties;
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
            dispatcher.wakeUp();
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
            List<Recipient> subscribers = accepted.isEmpty() ? List.of() : recipients.activeSubscribers();
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
        for (Recipient recipient : recipientsOf(facts, now, subscribers)) {
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
     * Subscribers of this type, then the order's own contact; one recipient per channel and address. The contact is
     * written to only with consent: the order's {@code notifyCustomer}, or an address an admin registered as a
     * subscriber. Anyone may put any chat id or e-mail on an order; without consent it is not even recorded.
     */
    private List<Recipient> recipientsOf(EventFacts facts, Instant now, List<Recipient> subscribers) {
        Map<String, Recipient> byAddress = new LinkedHashMap<>();
        Set<String> registered = new HashSet<>();
        for (Recipient r : subscribers) {
            registered.add(new Address(r.channel(), r.address()).key());
            if (r.wants(facts.type()) && channels.find(r.channel()).isPresent()) {
                byAddress.putIfAbsent(new Address(r.channel(), r.address()).key(), r);
            }
        }
        EventFacts.Contact contact = facts.contact();
        boolean forCustomer = properties.customerEvents().stream().anyMatch(p -> Recipient.matches(p, facts.type()));
        if (contact != null && forCustomer) {
            List<Address> addresses = new ArrayList<>();
            if (contact.telegramChatId() != null) {
                addresses.add(new Address(TELEGRAM, String.valueOf(contact.telegramChatId())));
            }
            if (contact.email() != null) {
                addresses.add(new Address(EMAIL, contact.email().trim()));
            }
            for (Address a : addresses) {
                boolean usable = channels.find(a.channel())
                        .map(c -> c.checkAddress(a.value()).isEmpty())
                        .orElse(false);
                boolean consented = facts.notifyCustomer() || registered.contains(a.key());
                if (!usable || !consented || byAddress.containsKey(a.key())) {
                    continue;
                }
                Recipient customer = recipients.customer(a.channel(), a.value(), contact.name(), contact.locale(), now);
                if (customer.active()) {
                    byAddress.putIfAbsent(new Address(customer.channel(), customer.address()).key(), customer);
                }
            }
        }
        return List.copyOf(byAddress.values());
    }

    private record Address(String channel, String value) {
        String key() {
            return channel + " " + value;
        }
    }

    /**
     * @param duplicate  this webhook id was handled before; nothing was done now
     * @param deliveries deliveries queued by this call
     */
    public record Outcome(boolean duplicate, int deliveries) {}
}
