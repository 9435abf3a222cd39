package dev.orders.webhooks.delivery.dispatch;

/** Sends one webhook over HTTP, within the configured timeout; never throws for what the network does. */
public interface WebhookSender {

    SendResult send(OutgoingWebhook webhook);

    /** Cuts every request still running short, e.g. when the process stops; each one returns a failed result. */
    void abortAll();
}
