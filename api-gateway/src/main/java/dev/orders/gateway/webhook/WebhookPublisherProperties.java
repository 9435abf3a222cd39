package dev.orders.gateway.webhook;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the webhook admin API lives. Bound from {@code WEBHOOK_PUBLISHER_URL}, {@code WEBHOOK_PUBLISHER_TIMEOUT} and
 * {@code WEBHOOK_PUBLISHER_CONNECTTIMEOUT} by relaxed binding.
 *
 * @param url            base URL of webhook-publisher
 * @param timeout        longest wait for its answer before a 504
 * @param connectTimeout longest wait to connect before a 503
 */
@ConfigurationProperties("webhook.publisher")
public record WebhookPublisherProperties(
        @DefaultValue("http://localhost:3003") URI url,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("2s") Duration connectTimeout) {}
