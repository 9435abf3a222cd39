package dev.orders.webhooks.delivery.dispatch;

import java.net.URI;

/** One signed request, ready to send: {@code body} is exactly what was signed. */
public record OutgoingWebhook(URI url, String webhookId, long timestamp, String signature, byte[] body) {}
