package dev.orders.infra.messaging;

import dev.orders.infra.json.WireJson;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How a service uses RabbitMQ: the queues it consumes ({@code consumeQueues}) and only publishes to
 * ({@code declareQueues}), all declared durable with no arguments as NestJS declares them, and its
 * {@code queue:routingKey} bindings on the events exchange. The settings and their variables are in the README.
 */
@ConfigurationProperties("platform.messaging")
public record MessagingProperties(
        @DefaultValue List<String> consumeQueues,
        @DefaultValue List<String> declareQueues,
        @DefaultValue("orders_platform.events") String eventsExchange,
        @DefaultValue List<String> bindings,
        @DefaultValue("100") int prefetch,
        @DefaultValue("16") int concurrency,
        @DefaultValue({"1s", "2s", "5s", "10s", "30s"}) List<Duration> retryDelays,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("10s") Duration confirmTimeout,
        @DefaultValue("3s") Duration recoveryInterval,
        @DefaultValue("1MB") DataSize messageMaxBytes) {

    public MessagingProperties {
        if (messageMaxBytes.toBytes() < 1 || messageMaxBytes.toBytes() > WireJson.MAX_DOCUMENT_BYTES) {
            throw new IllegalArgumentException("MESSAGE_MAX_BYTES must be from 1 byte to "
                    + DataSize.ofBytes(WireJson.MAX_DOCUMENT_BYTES).toMegabytes() + "MB, not " + messageMaxBytes);
        }
    }

    public Duration retryDelay(int attempt) {
        return retryDelays.get(Math.min(Math.max(attempt - 1, 0), retryDelays.size() - 1));
    }

    public static String retryQueue(String queue, Duration delay) {
        return queue + ".retry." + delay.toMillis() + "ms";
    }
}
