package dev.orders.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orders.contracts.Destinations;
import dev.orders.infra.json.WireJson;
import dev.orders.infra.test.AmqpTestClient;
import dev.orders.infra.test.IsolatedInfra;
import dev.orders.infra.test.Isolation;
import dev.orders.infra.test.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The gateway alone on a private virtual host with nobody consuming: every bad request must be answered with the
 * right problem and must leave {@code orders_queue} empty; a good one is sent and, unanswered, times out into 504.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@IsolatedInfra("gateway")
class GatewayIT {

    static final String VHOST = Isolation.of(GatewayIT.class).vhost();
    static final String PRODUCT = "00000000-0000-4000-8000-000000000001";
    static final String SHOP_KEY = "gateway-it-shop-key";
    static AmqpTestClient amqp;
    static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        // long enough that the 12 requests of the shedding test all arrive within it on a slow machine
        registry.add("gateway.rpc-timeout", () -> "3s");
        registry.add("gateway.max-in-flight", () -> "4");
        registry.add("platform.admin-api-key", () -> "test-admin-key");
        registry.add("gateway.auth.api-keys", () -> "shop:" + SHOP_KEY + ":orders.read,orders.write");
        registry.add("gateway.orders-service-url", () -> "http://127.0.0.1:1");
        registry.add("gateway.products-service-url", () -> "http://127.0.0.1:1");
    }

    @BeforeAll
    static void connect() {
        amqp = new AmqpTestClient(VHOST);
    }

    @AfterAll
    static void close() {
        amqp.close();
    }

    record Reply(int status, String contentType, JsonNode body, HttpResponse<String> raw) {}

    /** As the shop client, unless {@code headers} bring their own Authorization. */
    Reply send(String method, String path, String contentType, String body, String... headers) {
        boolean ownCredential = false;
        for (int i = 0; i < headers.length; i += 2) {
            ownCredential |= headers[i].equalsIgnoreCase("Authorization");
        }
        if (!ownCredential) {
            headers = java.util.stream.Stream.concat(
                            java.util.Arrays.stream(headers), Stream.of("Authorization", "Bearer " + SHOP_KEY))
                    .toArray(String[]::new);
        }
        return sendAs(method, path, contentType, body, headers);
    }

    Reply anonymous(String method, String path, String contentType, String body) {
        return sendAs(method, path, contentType, body);
    }

    private Reply sendAs(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            builder.headers(headers);
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            boolean isJson =
                    response.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode json = response.body().isEmpty() || !isJson
                    ? null
                    : WireJson.mapper().readTree(response.body());
            return new Reply(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    json,
                    response);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Stream<Arguments> badOrders() {
        String line = "{\"productId\":\"" + PRODUCT + "\",\"quantity\":1}";
        String manyLines = IntStream.range(0, 101)
                .mapToObj(i ->
                        "{\"productId\":\"00000000-0000-4000-8000-" + String.format("%012d", i) + "\",\"quantity\":1}")
                .collect(Collectors.joining(",", "{\"items\":[", "]}"));
        return Stream.of(
                Arguments.of("malformed JSON", "{\"productId\":", "malformed-request", null),
                Arguments.of("not an object", "[1,2]", "validation-error", ""),
                Arguments.of("empty object", "{}", "validation-error", "items"),
                Arguments.of("missing quantity", "{\"productId\":\"" + PRODUCT + "\"}", "validation-error", "quantity"),
                Arguments.of("missing productId", "{\"quantity\":1}", "validation-error", "productId"),
                Arguments.of(
                        "quantity zero",
                        "{\"productId\":\"" + PRODUCT + "\",\"quantity\":0}",
                        "validation-error",
                        "quantity"),
                Arguments.of(
                        "quantity negative",
                        "{\"productId\":\"" + PRODUCT + "\",\"quantity\":-3}",
                        "validation-error",
                        "quantity"),
                Arguments.of(
                        "quantity fractional",
                        "{\"productId\":\"" + PRODUCT + "\",\"quantity\":2.5}",
                        "validation-error",
                        "quantity"),
                Arguments.of(
                        "quantity too large",
                        "{\"productId\":\"" + PRODUCT + "\",\"quantity\":10001}",
                        "validation-error",
                        "quantity"),
                Arguments.of(
                        "quantity huge",
                        "{\"productId\":\"" + PRODUCT + "\",\"quantity\":99999999999999999999}",
                        "validation-error",
                        "quantity"),
                Arguments.of(
                        "quantity as string",
                        "{\"productId\":\"" + PRODUCT + "\",\"quantity\":\"2\"}",
                        "validation-error",
                        "quantity"),
                Arguments.of(
                        "productId not a UUID",
                        "{\"productId\":\"abc\",\"quantity\":1}",
                        "validation-error",
                        "productId"),
                Arguments.of("productId a number", "{\"productId\":5,\"quantity\":1}", "validation-error", "productId"),
                Arguments.of("empty items", "{\"items\":[]}", "validation-error", "items"),
                Arguments.of("items not an array", "{\"items\":{}}", "validation-error", "items"),
                Arguments.of("line not an object", "{\"items\":[3]}", "validation-error", "items[0]"),
                Arguments.of(
                        "bad second line",
                        "{\"items\":[" + line + ",{\"productId\":\"" + PRODUCT.replace('1', '2')
                                + "\",\"quantity\":0}]}",
                        "validation-error",
                        "items[1].quantity"),
                Arguments.of(
                        "same product twice",
                        "{\"items\":[" + line + "," + line + "]}",
                        "validation-error",
                        "items[1].productId"),
                Arguments.of("too many lines", manyLines, "validation-error", "items"),
                Arguments.of(
                        "both shapes",
                        "{\"productId\":\"" + PRODUCT + "\",\"quantity\":1,\"items\":[" + line + "]}",
                        "validation-error",
                        "items"),
                Arguments.of(
                        "unknown field",
                        "{\"productId\":\"" + PRODUCT + "\",\"quantiy\":1,\"quantity\":1}",
                        "validation-error",
                        "quantiy"),
                Arguments.of(
                        "duplicate key",
                        "{\"productId\":\"" + PRODUCT + "\",\"quantity\":1,\"quantity\":5}",
                        "malformed-request",
                        null),
                Arguments.of(
                        "bad customer chat id",
                        "{\"productId\":\"" + PRODUCT + "\",\"quantity\":1,\"customer\":{\"telegramChatId\":\"x\"}}",
                        "validation-error",
                        "customer.telegramChatId"),
                Arguments.of(
                        "bad customer locale",
                        "{\"productId\":\"" + PRODUCT
                                + "\",\"quantity\":1,\"customer\":{\"locale\":\"spanish please\"}}",
                        "validation-error",
                        "customer.locale"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOrders")
    void refusesABadOrderWithAProblemNamingTheField(String name, String body, String type, String field) {
        Reply reply = send("POST", "/orders", "application/json", body);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body().get("type").asString()).isEqualTo("/problems/" + type);
        assertThat(reply.body().get("status").asInt()).isEqualTo(400);
        assertThat(reply.body().get("detail").asString()).isNotBlank();
        assertThat(reply.body().get("instance").asString()).isEqualTo("/orders");
        if (field != null) {
            assertThat(reply.body().get("errors").findValuesAsString("field")).contains(field);
        }
        assertThat(reply.raw().body()).doesNotContain("Exception").doesNotContain("at dev.orders");
        assertNothingSent();
    }

    @Test
    void refusesAWrongContentType() {
        Reply reply = send("POST", "/orders", "text/plain", "{\"productId\":\"" + PRODUCT + "\",\"quantity\":1}");
        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.body().get("type").asString()).isEqualTo("/problems/unsupported-media-type");
        assertNothingSent();
    }

    @Test
    void refusesABodyOverTheLimit() {
        String huge = "{\"productId\":\"" + PRODUCT + "\",\"quantity\":1,\"pad\":\"" + "x".repeat(70_000) + "\"}";
        Reply reply = send("POST", "/orders", "application/json", huge);
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.body().get("type").asString()).isEqualTo("/problems/payload-too-large");
        assertNothingSent();
    }

    @Test
    void refusesABadIdempotencyKey() {
        Reply reply = send(
                "POST",
                "/orders",
                "application/json",
                "{\"productId\":\"" + PRODUCT + "\",\"quantity\":1}",
                "Idempotency-Key",
                "has spaces in it");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("errors").findValuesAsString("field")).contains("Idempotency-Key");
        assertNothingSent();
    }

    @Test
    void refusesANonUuidInThePath() {
        Reply reply = send("GET", "/orders/not-a-uuid", null, null);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("errors").get(0).get("field").asString()).isEqualTo("id");
        assertThat(send("GET", "/products/123", null, null).status()).isEqualTo(400);
    }

    @Test
    void refusesBadListParameters() {
        assertThat(send("GET", "/orders?status=SHIPPED", null, null)
                        .body()
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("status");
        assertThat(send("GET", "/orders?limit=0", null, null)
                        .body()
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("limit");
        assertThat(send("GET", "/orders?limit=abc", null, null).status()).isEqualTo(400);
        assertThat(send("GET", "/orders?cursor=zzz", null, null)
                        .body()
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("cursor");
        assertNothingSent();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableRequests")
    void answersAnUnreadableRequestWithA400ProblemNeverA500(String name, String request, String field)
            throws Exception {
        RawHttp.Response response = RawHttp.exchange("localhost", port, request, Duration.ofSeconds(10));

        assertThat(response).isNotNull();
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.header("content-type")).startsWith("application/problem+json");
        JsonNode problem = WireJson.mapper().readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asString()).isNotBlank();
        if (field != null) {
            assertThat(problem.get("errors").findValuesAsString("field")).contains(field);
        }
        assertNothingSent();
    }

    static Stream<Arguments> unreadableRequests() {
        String admin = "Authorization: Bearer test-admin-key\r\n";
        // a client allowed to order, so what is refused is the request, not the caller
        String shop = "Authorization: Bearer " + SHOP_KEY + "\r\n";
        return Stream.of(
                Arguments.of("malformed percent-encoding in the path", get("/orders/%zz", ""), null),
                Arguments.of("U+0000 in the path", get("/orders/%00", ""), null),
                Arguments.of("a bare % in the query", get("/orders?limit=%", shop), null),
                Arguments.of("malformed percent-encoding in the query", get("/products?cursor=%GG", ""), null),
                Arguments.of(
                        "malformed percent-encoding in a proxied query",
                        get("/webhooks/subscriptions?limit=%zz", admin),
                        null),
                Arguments.of("an unknown HTTP version", "GET /health HTTP/9.9\r\nHost: localhost\r\n\r\n", null),
                Arguments.of(
                        "an unknown transfer coding",
                        "POST /orders HTTP/1.1\r\nHost: localhost\r\n"
                                + "Content-Type: application/json\r\nTransfer-Encoding: xchunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
                        null),
                Arguments.of(
                        "two different Content-Lengths",
                        "POST /orders HTTP/1.1\r\nHost: localhost\r\n"
                                + "Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\n{}",
                        null),
                Arguments.of(
                        "a price of 1e400",
                        post("/products", "{\"name\":\"a\",\"price\":1e400,\"stock\":1}", admin),
                        "price"),
                Arguments.of(
                        "a price of 1e-400",
                        post("/products", "{\"name\":\"a\",\"price\":1e-400,\"stock\":1}", admin),
                        "price"),
                Arguments.of(
                        "stock beyond 32 bits",
                        post("/products", "{\"name\":\"a\",\"price\":1,\"stock\":4294967296}", admin),
                        "stock"),
                Arguments.of(
                        "a quantity of 1e30",
                        post("/orders", "{\"productId\":\"" + PRODUCT + "\",\"quantity\":1e30}", shop),
                        "quantity"),
                Arguments.of(
                        "U+0000 in a customer name",
                        post(
                                "/orders",
                                "{\"productId\":\"" + PRODUCT
                                        + "\",\"quantity\":1,\"customer\":{\"name\":\"Ana\\u0000\"}}",
                                shop),
                        "customer.name"));
    }

    private static String get(String target, String headers) {
        return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + headers + "Connection: close\r\n\r\n";
    }

    private static String post(String target, String json, String headers) {
        return "POST " + target + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + headers
                + "Content-Length: " + json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + "\r\nConnection: close\r\n\r\n" + json;
    }

    @Test
    void guardsAdminRoutes() {
        String product = "{\"name\":\"Lamp\",\"price\":12.5,\"stock\":3}";
        Reply anonymous = anonymous("POST", "/products", "application/json", product);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.raw().headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(anonymous.body().get("type").asString()).isEqualTo("/problems/unauthorized");
        Reply wrong = send("POST", "/products", "application/json", product, "Authorization", "Bearer nope");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body().get("type").asString()).isEqualTo("/problems/unauthorized");
        Reply notAdmin = send("POST", "/products", "application/json", product);
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(notAdmin.body().get("type").asString()).isEqualTo("/problems/forbidden");
        Reply stock = anonymous("POST", "/products/" + PRODUCT + "/stock", "application/json", "{\"set\":1}");
        assertThat(stock.status()).isEqualTo(401);
        Reply invalid = send(
                "POST",
                "/products",
                "application/json",
                "{\"name\":\"\",\"price\":1.234,\"stock\":-1}",
                "Authorization",
                "Bearer test-admin-key");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().get("errors").findValuesAsString("field")).contains("name", "price", "stock");
        Reply bothStock = send(
                "POST",
                "/products/" + PRODUCT + "/stock",
                "application/json",
                "{\"set\":1,\"add\":2}",
                "Authorization",
                "Bearer test-admin-key");
        assertThat(bothStock.status()).isEqualTo(400);
        assertThat(amqp.messageCount(Destinations.PRODUCTS_QUEUE)).isZero();
    }

    @Test
    void answersUnknownRoutesAndMethodsWithProblems() {
        Reply missing = send("GET", "/nothing-here", null, null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        Reply anonymous = anonymous("GET", "/nothing-here", null, null);
        assertThat(anonymous.status())
                .as("a stranger learns nothing about routes")
                .isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        Reply method = send("DELETE", "/orders", null, null);
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.body().get("type").asString()).isEqualTo("/problems/method-not-allowed");
    }

    @Test
    void timesOutIntoA504WhenNoServiceAnswersAndTheRequestExpires() {
        long started = System.nanoTime();
        Reply reply = send("POST", "/orders", "application/json", "{\"productId\":\"" + PRODUCT + "\",\"quantity\":1}");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(reply.status()).isEqualTo(504);
        assertThat(reply.body().get("type").asString()).isEqualTo("/problems/upstream-timeout");
        assertThat(took).isBetween(Duration.ofMillis(2_900), Duration.ofSeconds(10));
        // the request went out, and nobody acts on it late: it expires in the queue
        await().atMost(Duration.ofSeconds(10)).until(() -> amqp.messageCount(Destinations.ORDERS_QUEUE) == 0);
    }

    @Test
    void shedsLoadWithA503InsteadOfQueueingWithoutBound() throws Exception {
        String body = "{\"productId\":\"" + PRODUCT + "\",\"quantity\":1}";
        java.util.List<java.util.concurrent.Future<Reply>> replies = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 12; i++) {
                replies.add(pool.submit(() -> send("POST", "/orders", "application/json", body)));
            }
        }
        java.util.Map<Integer, Long> byStatus = new java.util.HashMap<>();
        for (var reply : replies) {
            byStatus.merge(reply.get().status(), 1L, Long::sum);
            if (reply.get().status() == 503) {
                assertThat(reply.get().raw().headers().firstValue("Retry-After"))
                        .isPresent();
            }
        }
        assertThat(byStatus.getOrDefault(504, 0L))
                .as("admitted, then timed out")
                .isBetween(1L, 4L);
        assertThat(byStatus.getOrDefault(503, 0L)).as("shed").isGreaterThanOrEqualTo(8L);
        await().atMost(Duration.ofSeconds(10)).until(() -> amqp.messageCount(Destinations.ORDERS_QUEUE) == 0);
    }

    @Test
    void reportsItsDependenciesInHealth() {
        Reply reply = anonymous("GET", "/health", null, null);
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.body().get("status").asString()).isEqualTo("DOWN");
        assertThat(reply.body().get("components").get("rabbitmq").get("status").asString())
                .isEqualTo("UP");
        assertThat(reply.body()
                        .get("components")
                        .get("ordersService")
                        .get("status")
                        .asString())
                .isEqualTo("DOWN");
        assertThat(reply.body().get("components").get("ordersService").has("url"))
                .as("where it lives: admins only")
                .isFalse();
        Reply admin = send("GET", "/health", null, null, "Authorization", "Bearer test-admin-key");
        assertThat(admin.body()
                        .get("components")
                        .get("ordersService")
                        .get("url")
                        .asString())
                .isEqualTo("http://127.0.0.1:1");
        Reply actuator = anonymous("GET", "/actuator/health", null, null);
        assertThat(actuator.status()).isEqualTo(200);
        assertThat(actuator.body().has("components"))
                .as("actuator details: admins only")
                .isFalse();
        assertThat(send("GET", "/actuator/health", null, null, "Authorization", "Bearer test-admin-key")
                        .body()
                        .get("components")
                        .has("rabbit"))
                .isTrue();
    }

    @Test
    void publishesItsOpenApiDocumentAndUi() {
        Reply doc = anonymous("GET", "/openapi.json", null, null);
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.body().get("paths").has("/orders")).isTrue();
        assertThat(doc.body().get("paths").has("/products/{id}/stock")).isTrue();
        HttpResponse<String> ui = anonymous("GET", "/docs", null, null).raw();
        assertThat(ui.statusCode()).isIn(200, 302);
        assertThat(anonymous("GET", "/swagger-ui/index.html", null, null).raw().statusCode())
                .isEqualTo(200);
        assertThat(anonymous("GET", "/problems/validation-error", null, null).status())
                .isEqualTo(200);
    }

    private void assertNothingSent() {
        assertThat(amqp.messageCount(Destinations.ORDERS_QUEUE))
                .as("messages sent to orders_queue")
                .isZero();
    }
}
