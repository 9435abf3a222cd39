package dev.orders.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import dev.orders.contracts.CreateProduct;
import dev.orders.contracts.Destinations;
import dev.orders.contracts.GetProduct;
import dev.orders.contracts.ListProducts;
import dev.orders.contracts.OrderLine;
import dev.orders.contracts.Patterns;
import dev.orders.contracts.ReleaseStock;
import dev.orders.contracts.ReserveStock;
import dev.orders.contracts.RestockProduct;
import dev.orders.infra.ids.Ids;
import dev.orders.infra.test.AmqpTestClient;
import dev.orders.infra.test.IsolatedInfra;
import dev.orders.infra.test.IsolatedInfra.Database;
import dev.orders.infra.test.Isolation;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** products-service alone against real RabbitMQ and SQLite; the test plays orders-service. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@IsolatedInfra(value = "products", database = Database.CHOSEN_BY_BUILD)
class ProductsServiceIT {

    static final String VHOST = Isolation.of(ProductsServiceIT.class).vhost();
    static final Duration WAIT = Duration.ofSeconds(15);

    static AmqpTestClient amqp;

    @BeforeAll
    static void connect() {
        amqp = new AmqpTestClient(VHOST);
    }

    @AfterAll
    static void close() {
        amqp.close();
    }

    private JsonNode request(String pattern, Object data) {
        return amqp.request(Destinations.PRODUCTS_QUEUE, pattern, data, WAIT);
    }

    private String newProduct(int stock) {
        JsonNode reply =
                request(Patterns.PRODUCTS_CREATE, new CreateProduct("Test " + stock, new BigDecimal("9.99"), stock));
        assertThat(reply.has("err")).as("reply %s", reply).isFalse();
        return reply.get("response").get("id").asString();
    }

    private int stock(String id) {
        return request(Patterns.PRODUCTS_GET, new GetProduct(id))
                .get("response")
                .get("stock")
                .asInt();
    }

    /** Outcomes arrive on orders_queue, bound to the events exchange. */
    private JsonNode outcomeFor(String orderId) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(WAIT).until(() -> {
            for (GetResponse r : amqp.drain(Destinations.ORDERS_QUEUE)) {
                JsonNode body = AmqpTestClient.json(r);
                if (body.get("data").get("orderId").asString().equals(orderId)) {
                    found[0] = body.get("data");
                }
            }
            return found[0] != null;
        });
        return found[0];
    }

    private static ReserveStock reserve(String orderId, OrderLine... lines) {
        return new ReserveStock(orderId, UUID.randomUUID().toString(), List.of(lines));
    }

    @Test
    void loadsTheDemoCatalogueOnAnEmptyDatabase() {
        JsonNode page =
                request(Patterns.PRODUCTS_LIST, new ListProducts(100, null)).get("response");
        assertThat(page.get("items").findValuesAsString("id")).contains("00000000-0000-4000-8000-000000000001");
    }

    @Test
    void reservesStockOnceForAReservationDeliveredTwice() {
        String product = newProduct(10);
        String order = Ids.newId();
        ReserveStock command = reserve(order, new OrderLine(product, 3));
        amqp.emit(Destinations.PRODUCTS_QUEUE, Patterns.PRODUCT_RESERVE_STOCK, command);
        assertThat(outcomeFor(order).get("approved").asBoolean()).isTrue();
        amqp.emit(Destinations.PRODUCTS_QUEUE, Patterns.PRODUCT_RESERVE_STOCK, command);
        JsonNode again = outcomeFor(order);
        assertThat(again.get("approved").asBoolean()).as("the same answer").isTrue();
        assertThat(again.get("idempotencyKey").asString()).isEqualTo(command.idempotencyKey());
        assertThat(stock(product)).isEqualTo(7);
    }

    @Test
    void takesNothingWhenOneLineCannotBeServed() {
        String plenty = newProduct(10);
        String scarce = newProduct(1);
        String order = Ids.newId();
        amqp.emit(
                Destinations.PRODUCTS_QUEUE,
                Patterns.PRODUCT_RESERVE_STOCK,
                reserve(order, new OrderLine(plenty, 2), new OrderLine(scarce, 2)));
        JsonNode outcome = outcomeFor(order);
        assertThat(outcome.get("approved").asBoolean()).isFalse();
        assertThat(outcome.get("reason").asString()).isEqualTo("OUT_OF_STOCK");
        assertThat(stock(plenty)).isEqualTo(10);
        assertThat(stock(scarce)).isEqualTo(1);
    }

    @Test
    void refusesAnUnknownProduct() {
        String order = Ids.newId();
        amqp.emit(
                Destinations.PRODUCTS_QUEUE,
                Patterns.PRODUCT_RESERVE_STOCK,
                reserve(order, new OrderLine(Ids.newId(), 1)));
        JsonNode outcome = outcomeFor(order);
        assertThat(outcome.get("approved").asBoolean()).isFalse();
        assertThat(outcome.get("reason").asString()).isEqualTo("PRODUCT_NOT_FOUND");
    }

    @Test
    void neverSellsMoreThanItHasUnderConcurrentReservations() {
        String product = newProduct(50);
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String order = Ids.newId();
            orders.add(order);
            amqp.emit(
                    Destinations.PRODUCTS_QUEUE,
                    Patterns.PRODUCT_RESERVE_STOCK,
                    reserve(order, new OrderLine(product, 1)));
        }
        Map<String, Boolean> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (GetResponse r : amqp.drain(Destinations.ORDERS_QUEUE)) {
                JsonNode data = AmqpTestClient.json(r).get("data");
                outcomes.put(
                        data.get("orderId").asString(), data.get("approved").asBoolean());
            }
            return outcomes.keySet().containsAll(orders);
        });
        assertThat(orders.stream().filter(outcomes::get).count()).isEqualTo(50);
        assertThat(stock(product)).isZero();
    }

    /** Waits for the {@code product.stockReleased} of {@code orderId} on a tap of the events exchange. */
    private JsonNode releasedOn(String tap, String orderId) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(WAIT).until(() -> {
            for (GetResponse r : amqp.drain(tap)) {
                JsonNode data = AmqpTestClient.json(r).get("data");
                if (data.get("orderId").asString().equals(orderId)) {
                    found[0] = data;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    @Test
    void releasesStockOnceAndVoidsALateReservation() {
        String tap = amqp.tap(Destinations.EVENTS_EXCHANGE, Patterns.PRODUCT_STOCK_RELEASED);
        String product = newProduct(5);
        String order = Ids.newId();
        amqp.emit(
                Destinations.PRODUCTS_QUEUE, Patterns.PRODUCT_RESERVE_STOCK, reserve(order, new OrderLine(product, 2)));
        assertThat(outcomeFor(order).get("approved").asBoolean()).isTrue();
        assertThat(stock(product)).isEqualTo(3);

        amqp.emit(Destinations.PRODUCTS_QUEUE, Patterns.PRODUCT_RELEASE_STOCK, new ReleaseStock(order, "CANCELLED"));
        assertThat(releasedOn(tap, order).get("released").asBoolean()).isTrue();
        amqp.emit(Destinations.PRODUCTS_QUEUE, Patterns.PRODUCT_RELEASE_STOCK, new ReleaseStock(order, "CANCELLED"));
        assertThat(releasedOn(tap, order).get("released").asBoolean())
                .as("the second release gives nothing")
                .isFalse();
        assertThat(stock(product)).isEqualTo(5);

        String late = Ids.newId();
        amqp.emit(Destinations.PRODUCTS_QUEUE, Patterns.PRODUCT_RELEASE_STOCK, new ReleaseStock(late, "EXPIRED"));
        assertThat(releasedOn(tap, late).get("released").asBoolean()).isFalse();
        amqp.emit(
                Destinations.PRODUCTS_QUEUE, Patterns.PRODUCT_RESERVE_STOCK, reserve(late, new OrderLine(product, 1)));
        JsonNode outcome = outcomeFor(late);
        assertThat(outcome.get("approved").asBoolean()).isFalse();
        assertThat(outcome.get("reason").asString()).isEqualTo("EXPIRED");
        assertThat(stock(product)).isEqualTo(5);
    }

    @Test
    void managesProductsOverRequests() {
        String product = newProduct(5);
        JsonNode added = request(Patterns.PRODUCTS_RESTOCK, new RestockProduct(product, null, 7))
                .get("response");
        assertThat(added.get("stock").asInt()).isEqualTo(12);
        JsonNode set = request(Patterns.PRODUCTS_RESTOCK, new RestockProduct(product, 2, null))
                .get("response");
        assertThat(set.get("stock").asInt()).isEqualTo(2);
        JsonNode refused = request(Patterns.PRODUCTS_RESTOCK, new RestockProduct(product, null, -3));
        assertThat(refused.get("err").get("code").asString()).isEqualTo("CONFLICT");
        JsonNode missing = request(Patterns.PRODUCTS_GET, new GetProduct(Ids.newId()));
        assertThat(missing.get("err").get("code").asString()).isEqualTo("NOT_FOUND");
        JsonNode price = request(Patterns.PRODUCTS_GET, new GetProduct(product))
                .get("response")
                .get("price");
        assertThat(price.decimalValue()).isEqualByComparingTo("9.99");
    }

    @Test
    void deadLettersPoisonAndKeepsConsuming() {
        String dlq = Destinations.deadLetterQueue(Destinations.PRODUCTS_QUEUE);
        amqp.drain(dlq);
        amqp.publishRaw(Destinations.PRODUCTS_QUEUE, "{not json");
        assertThat(amqp.next(dlq, WAIT)
                        .getProps()
                        .getHeaders()
                        .get(Destinations.DEAD_LETTER_REASON_HEADER)
                        .toString())
                .contains("not JSON");
        amqp.emit(Destinations.PRODUCTS_QUEUE, "product.teleport", Map.of());
        assertThat(amqp.next(dlq, WAIT)
                        .getProps()
                        .getHeaders()
                        .get(Destinations.DEAD_LETTER_REASON_HEADER)
                        .toString())
                .contains("product.teleport");
        amqp.emit(
                Destinations.PRODUCTS_QUEUE,
                Patterns.PRODUCT_RESERVE_STOCK,
                Map.of("orderId", "not-a-uuid", "idempotencyKey", "k", "items", List.of()));
        assertThat(amqp.next(dlq, WAIT)
                        .getProps()
                        .getHeaders()
                        .get(Destinations.DEAD_LETTER_REASON_HEADER)
                        .toString())
                .contains("orderId");
        assertThat(newProduct(1)).isNotBlank();
    }
}
