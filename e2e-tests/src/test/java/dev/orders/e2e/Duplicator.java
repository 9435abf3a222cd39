package dev.orders.e2e;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.orders.contracts.Destinations;
import dev.orders.contracts.Patterns;
import dev.orders.infra.json.WireJson;
import dev.orders.infra.test.TestInfra;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * Delivers every {@code product.reserveStock} and {@code product.stockReserved} a second time. It watches the
 * broker's firehose ({@code rabbitmqctl trace_on}) for the stack's virtual host and publishes a copy of each to the
 * queue its consumer reads, so the services themselves run unchanged.
 */
final class Duplicator implements AutoCloseable {

    private static final String MARK = "x-test-duplicate";

    private final String vhost;
    private final Connection connection;
    private final AtomicLong reserveCopies = new AtomicLong();
    private final AtomicLong outcomeCopies = new AtomicLong();

    Duplicator(String vhost) {
        this.vhost = vhost;
        TestInfra.rabbitmqctl("trace_on", "-p", vhost);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(TestInfra.RABBIT_HOST);
        factory.setPort(TestInfra.RABBIT_PORT);
        factory.setVirtualHost(vhost);
        try {
            connection = factory.newConnection("duplicator");
            Channel in = connection.createChannel();
            Channel out = connection.createChannel();
            String queue = in.queueDeclare("", false, true, true, Map.of()).getQueue();
            in.queueBind(queue, "amq.rabbitmq.trace", "publish.#");
            in.basicConsume(
                    queue,
                    true,
                    (tag, delivery) -> {
                        Map<String, Object> trace = delivery.getProperties().getHeaders();
                        if (isCopy(trace)) {
                            return;
                        }
                        JsonNode body;
                        try {
                            body = WireJson.mapper().readTree(delivery.getBody());
                        } catch (RuntimeException notJson) {
                            return;
                        }
                        JsonNode pattern = body.get("pattern");
                        if (pattern == null) {
                            return;
                        }
                        String target = switch (pattern.asString()) {
                            case Patterns.PRODUCT_RESERVE_STOCK -> Destinations.PRODUCTS_QUEUE;
                            case Patterns.PRODUCT_STOCK_RESERVED -> Destinations.ORDERS_QUEUE;
                            default -> null;
                        };
                        if (target == null) {
                            return;
                        }
                        Map<String, Object> headers = new HashMap<>();
                        headers.put(MARK, true);
                        synchronized (out) {
                            out.basicPublish(
                                    "",
                                    target,
                                    new AMQP.BasicProperties.Builder()
                                            .deliveryMode(2)
                                            .headers(headers)
                                            .build(),
                                    delivery.getBody());
                        }
                        (target.equals(Destinations.PRODUCTS_QUEUE) ? reserveCopies : outcomeCopies).incrementAndGet();
                    },
                    tag -> {});
        } catch (Exception e) {
            throw new AssertionError("cannot start the duplicator", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static boolean isCopy(Map<String, Object> trace) {
        if (trace == null || !(trace.get("properties") instanceof Map<?, ?> props)) {
            return false;
        }
        Object headers = ((Map<String, Object>) props).get("headers");
        return headers instanceof Map<?, ?> h && h.containsKey(MARK);
    }

    long reserveCopies() {
        return reserveCopies.get();
    }

    long outcomeCopies() {
        return outcomeCopies.get();
    }

    @Override
    public void close() {
        TestInfra.rabbitmqctl("trace_off", "-p", vhost);
        try {
            connection.close();
        } catch (Exception ignored) {
            // best effort
        }
    }
}
