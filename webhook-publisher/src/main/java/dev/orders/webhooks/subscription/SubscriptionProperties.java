package dev.orders.webhooks.subscription;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param rotationGrace how long the previous secret keeps signing after a rotation, unless the request says
 *                      otherwise
 */
@ConfigurationProperties("webhooks.subscriptions")
public record SubscriptionProperties(@DefaultValue("24h") Duration rotationGrace) {}
