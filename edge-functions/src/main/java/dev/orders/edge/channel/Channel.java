package dev.orders.edge.channel;

import java.util.Optional;

/**
 * A way to reach a recipient. Implementations are stateless towards the notifier: they get one message for one
 * address and say what happened; the notifier owns the delivery row, its retries and the recipient's state.
 */
public interface Channel {

    /** Upper-case name stored in {@code recipients.channel} and {@code deliveries.channel}, e.g. {@code TELEGRAM}. */
    String name();

    /** What is wrong with an address for this channel (a chat id, a webhook URL, an e-mail address), if anything. */
    Optional<String> checkAddress(String address);

    /**
     * Sends the message, or the parts of it that are left. Never throws for a provider's refusal or an I/O error:
     * those are results. Must not put credentials in any error text.
     */
    SendResult send(Outgoing message);
}
