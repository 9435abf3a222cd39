package dev.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import dev.orders.contracts.Destinations;
import dev.orders.contracts.Patterns;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A real NestJS 11 client (npm {@code @nestjs/microservices}) against the Java orders-service, which runs alone: the
 * test plays products-service, so the NestJS {@code emit} is the only thing that can decide the order.
 */
@Order(2)
class NestInteropIT {

    static final String PRODUCT = "0193e7a2-0000-7000-8000-0000000000aa";
    static Stack stack;
    static NestClient nest;

    @BeforeAll
    static void start() {
        NestClient.install();
        stack = Stack.named("nest").products(0).gateways(0).start();
        nest = new NestClient(stack.vhost, Destinations.ORDERS_QUEUE);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aNestClientCreatesAnOrderAndANestEventDecidesIt() {
        JsonNode created = nest.send(
                Patterns.ORDERS_CREATE, Map.of("items", List.of(Map.of("productId", PRODUCT, "quantity", 2))));
        assertThat(created.has("error")).as("reply %s", created).isFalse();
        JsonNode order = created.get("ok");
        assertThat(order.get("status").asString()).isEqualTo("PENDING");
        String id = order.get("id").asString();

        GetResponse reserve = stack.amqp().next(Destinations.PRODUCTS_QUEUE, Duration.ofSeconds(15));
        JsonNode data = dev.orders.infra.test.AmqpTestClient.json(reserve).get("data");
        assertThat(data.get("orderId").asString()).isEqualTo(id);

        JsonNode emitted = nest.emit(
                Patterns.PRODUCT_STOCK_RESERVED,
                Map.of(
                        "orderId",
                        id,
                        "idempotencyKey",
                        data.get("idempotencyKey").asString(),
                        "approved",
                        true,
                        "items",
                        List.of(Map.of("productId", PRODUCT, "quantity", 2))));
        assertThat(emitted.get("ok").asBoolean()).isTrue();

        await().atMost(Duration.ofSeconds(15))
                .until(() -> nest.send(Patterns.ORDERS_GET, Map.of("id", id))
                        .get("ok")
                        .get("status")
                        .asString()
                        .equals("CONFIRMED"));
    }

    @Test
    void aNestClientGetsNestShapedErrors() {
        JsonNode unknown = nest.send("orders.teleport", Map.of());
        assertThat(unknown.get("error").asString())
                .isEqualTo("There is no matching message handler defined in the remote service.");
        JsonNode invalid = nest.send(Patterns.ORDERS_CREATE, Map.of("items", List.of()));
        assertThat(invalid.get("error").get("status").asString()).isEqualTo("error");
        assertThat(invalid.get("error").get("message").asString()).contains("items");
        JsonNode missing = nest.send(Patterns.ORDERS_GET, Map.of("id", "0193e7a2-0000-7000-8000-000000000000"));
        assertThat(missing.get("error").get("code").asString()).isEqualTo("NOT_FOUND");
    }
}
