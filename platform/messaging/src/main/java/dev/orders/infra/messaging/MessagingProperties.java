package dev.orders.infra.messaging;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import dev.orders.infra.json.WireJson;

/**
 * How a service uses RabbitMQ. Each service maps these to its own environment variables in its application.yml.
 *
 * @param consumeQueues   queues this service consumes (declared durable, no arguments, as NestJS declares them)
 * @param declareQueues   further queues it only publishes to (declared the same way, so a message is never
 *                        published before its queue exists)
 * @param eventsExchange  durable topic exchange for events, routing key = pattern
 * @param bindings        {@code queue:routingKey} pairs to bind on the events exchange (the queue is declared too)
 * @param prefetch        unacknowledged messages per consumer
 * @param concurrency     consumers (threads) per queue
 * @param retryDelays     wait before each retry of a message whose handler failed; one delay queue per value
 * @param maxAttempts     handling attempts before a failing message is dead-lettered
 * @param confirmTimeout  how long to wait for the broker to confirm a dead-letter or retry publish
 * @param recoveryInterval how often to retry connecting consumers while the broker is away
 * @param messageMaxBytes the largest body a consumer parses; a larger one is dead-lettered unread
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
