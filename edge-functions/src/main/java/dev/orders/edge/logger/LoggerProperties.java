package dev.orders.edge.logger;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The logger's settings: the secret of its subscription at the webhook publisher ({@code LOGGER_WEBHOOK_SECRET}) and
 * how long a logged event is kept ({@code LOGGER_RETENTION}; zero forever).
 */
@ConfigurationProperties("edge.logger")
public record LoggerProperties(
        String webhookSecret, @DefaultValue("30d") Duration retention) {

    public LoggerProperties {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("LOGGER_RETENTION must be zero (keep forever) or more");
        }
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "LoggerProperties[webhookSecret=<hidden>, retention=" + retention + "]";
    }
}
