package dev.orders.edge.logger;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param webhookSecret {@code LOGGER_WEBHOOK_SECRET}, {@code whsec_<base64 key>}: the secret of the logger's
 *                      subscription at the webhook publisher
 */
@ConfigurationProperties("edge.logger")
public record LoggerProperties(String webhookSecret) {

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "LoggerProperties[webhookSecret=<hidden>]";
    }
}
