package dev.orders.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import dev.orders.contracts.CreateOrder;
import dev.orders.contracts.Destinations;
import dev.orders.contracts.GetOrder;
import dev.orders.contracts.OrderLine;
import dev.orders.contracts.Patterns;
import dev.orders.contracts.ReservationOutcome;
import dev.orders.infra.test.AmqpTestClient;
import dev.orders.infra.test.IsolatedInfra;
import dev.orders.infra.test.IsolatedInfra.Database;
import dev.orders.infra.test.Isolation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Orders nobody decides expire; a reservation that arrives after that is given back. Nobody plays products here. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@IsolatedInfra(value = "expiry", database = Database.CHOSEN_BY_BUILD, redis = true)
class OrderExpiryIT {

    static final String VHOST = Isolation.of(OrderExpiryIT.class).vhost();
    static final Duration WAIT = Duration.ofSeconds(15);
    static final String PRODUCT = "00000000-0000-4000-8000-0000000000bb";
    static AmqpTestClient amqp;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("orders.pending-timeout", () -> "1s");
        registry.add("orders.expiry-sweep-interval", () -> "200ms");
    }

    @BeforeAll
    static void connect() {
        amqp = new AmqpTestClient(VHOST);
    }

    @AfterAll
    static void close() {
        amqp.close();
    }

    @Test
    void rejectsAnOrderPendingTooLongAndGivesBackALateReservation() {
        JsonNode order = amqp.request(
                        Destinations.ORDERS_QUEUE,
                        Patterns.ORDERS_CREATE,
                        new CreateOrder(List.of(new OrderLine(PRODUCT, 2)), null, null),
                        WAIT)
                .get("response");
        String id = order.get("id").asString();

        await().atMost(WAIT)
                .until(() -> amqp.request(Destinations.ORDERS_QUEUE, Patterns.ORDERS_GET, new GetOrder(id), WAIT)
                        .get("response")
                        .get("status")
                        .asString()
                        .equals("REJECTED"));
        JsonNode expired = amqp.request(Destinations.ORDERS_QUEUE, Patterns.ORDERS_GET, new GetOrder(id), WAIT)
                .get("response");
        assertThat(expired.get("reason").asString()).isEqualTo("EXPIRED");

        List<JsonNode> toProducts = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            amqp.drain(Destinations.PRODUCTS_QUEUE).stream()
                    .map(AmqpTestClient::json)
                    .forEach(toProducts::add);
            return toProducts.size() >= 2;
        });
        assertThat(toProducts)
                .extracting(m -> m.get("pattern").asString())
                .containsExactly(Patterns.PRODUCT_RESERVE_STOCK, Patterns.PRODUCT_RELEASE_STOCK);
        String key = toProducts.getFirst().get("data").get("idempotencyKey").asString();

        amqp.emit(
                Destinations.ORDERS_QUEUE,
                Patterns.PRODUCT_STOCK_RESERVED,
                new ReservationOutcome(id, key, true, null, List.of(new OrderLine(PRODUCT, 2))));
        GetResponse release = amqp.next(Destinations.PRODUCTS_QUEUE, WAIT);
        JsonNode body = AmqpTestClient.json(release);
        assertThat(body.get("pattern").asString()).isEqualTo(Patterns.PRODUCT_RELEASE_STOCK);
        assertThat(body.get("data").get("reason").asString()).isEqualTo("EXPIRED");
        assertThat(amqp.request(Destinations.ORDERS_QUEUE, Patterns.ORDERS_GET, new GetOrder(id), WAIT)
                        .get("response")
                        .get("status")
                        .asString())
                .isEqualTo("REJECTED");
    }
}
