package dev.orders.edge.notifier;

import dev.orders.edge.channel.Channels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Who hears of an event: the subscribers of its type, then the order's own contact; one recipient per channel and
 * address. The contact is written to only with consent: the order's {@code notifyCustomer}, or an address an admin
 * registered as a subscriber. Anyone may put any chat id or e-mail on an order; without consent it is not even
 * recorded.
 */
@Component
class Audience {

    static final String TELEGRAM = "TELEGRAM";
    static final String EMAIL = "EMAIL";

    private final Recipients recipients;
    private final Channels channels;
    private final List<String> customerEvents;

    Audience(Recipients recipients, Channels channels, NotifierProperties properties) {
        this.recipients = recipients;
        this.channels = channels;
        this.customerEvents = properties.customerEvents();
    }

    /** The active subscribers: read once for webhooks handled together. */
    List<Recipient> subscribers() {
        return recipients.activeSubscribers();
    }

    /** The recipients of the event {@code facts} tells of, among {@code subscribers} and the order's contact. */
    List<Recipient> of(EventFacts facts, Instant now, List<Recipient> subscribers) {
        Map<String, Recipient> byAddress = new LinkedHashMap<>();
        Set<String> registered = new HashSet<>();
        for (Recipient r : subscribers) {
            registered.add(new Address(r.channel(), r.address()).key());
            if (r.wants(facts.type()) && channels.find(r.channel()).isPresent()) {
                byAddress.putIfAbsent(new Address(r.channel(), r.address()).key(), r);
            }
        }
        EventFacts.Contact contact = facts.contact();
        boolean forCustomer = customerEvents.stream().anyMatch(p -> Recipient.matches(p, facts.type()));
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
}
