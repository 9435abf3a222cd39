package dev.orders.e2e;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.orders.contracts.Destinations;
import dev.orders.infra.json.WireJson;
import dev.orders.infra.test.TestInfra;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * Records every {@code order.*} event of a stack in a durable queue, through broker restarts (automatic recovery),
 * so a test can check that no order was decided two different ways.
 */
final class EventRecorder implements AutoCloseable {

    private final Connection connection;
    private final String queue;
    private final Map<String, List<String>> byOrder = new ConcurrentHashMap<>();
    private final AtomicLong count = new AtomicLong();

    EventRecorder(String vhost, String name) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(TestInfra.RABBIT_HOST);
        factory.setPort(TestInfra.RABBIT_PORT);
        factory.setVirtualHost(vhost);
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(1000);
        this.queue = "recorder-" + name;
        try {
            connection = factory.newConnection("event-recorder");
            Channel channel = connection.createChannel();
            channel.queueDeclare(queue, true, false, false, Map.of());
            channel.queueBind(queue, Destinations.EVENTS_EXCHANGE, "order.#");
            channel.basicConsume(
                    queue,
                    true,
                    (tag, delivery) -> {
                        JsonNode body = WireJson.mapper().readTree(delivery.getBody());
                        String id = body.get("data").get("id").asString();
                        byOrder.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>())
                                .add(body.get("pattern").asString());
                        count.incrementAndGet();
                    },
                    tag -> {});
        } catch (Exception e) {
            throw new AssertionError("cannot record events", e);
        }
    }

    List<String> eventsOf(String orderId) {
        return byOrder.getOrDefault(orderId, List.of());
    }

    long count() {
        return count.get();
    }

    @Override
    public void close() {
        try {
            Channel channel = connection.createChannel();
            channel.queueDelete(queue);
            connection.close();
        } catch (Exception ignored) {
            // best effort
        }
    }
}
