package dev.orders.edge.webhook;

/** The request is not a webhook signed with this function's secret, or not a fresh one: answered with 401. */
public class WebhookRejected extends Exception {

    public WebhookRejected(String reason) {
        super(reason, null, false, false);
    }
}
