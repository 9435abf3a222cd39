package dev.orders.webhooks.delivery.dispatch;

import java.net.URI;
import java.util.Map;

/**
 * One signed request, ready to send: {@code body} is exactly what was signed; {@code traceHeaders} carry the
 * attempt's trace context ({@code traceparent}, {@code baggage}) to the subscriber.
 */
public record OutgoingWebhook(
        URI url, String webhookId, long timestamp, String signature, byte[] body, Map<String, String> traceHeaders) {}
