package dev.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.awaitility.pollinterval.IterativePollInterval.iterative;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * compose.yaml for real, with the local stand-in images (scripts/local-images.sh): two gateways behind nginx, two
 * orders-service and two products-service containers on PostgreSQL, the webhook publisher and the edge functions.
 * 1,000 orders from three clients through nginx while one orders-service and one products-service container are
 * killed and started again; then every accepted order is CONFIRMED or REJECTED, stock is conserved exactly, every
 * container is healthy, the logger holds each order's events, both gateways took traffic, and {@code down -v}
 * leaves nothing of the project behind.
 */
@Order(90)
class DockerComposeIT {

    static final int ORDERS = 1000;
    static final int CONCURRENCY = 24;
    static final int PRODUCTS = 20;
    static final int STOCK_EACH = 100;
    static final String ADMIN_KEY = "compose-admin-key-0001";
    static final List<String> CLIENT_KEYS =
            List.of("compose-shop-a-key-0001", "compose-shop-b-key-0001", "compose-shop-c-key-0001");
    static final String SUBSCRIPTIONS = "edge-subscriptions";

    static DockerCompose compose;
    static URI gateway;
    static URI edgeFunctions;
    static URI rabbitManagement;
    static long startedAt = System.nanoTime();

    @BeforeAll
    static void up() {
        DockerCompose.requireDocker();
        Map<String, String> env = new HashMap<>(DockerCompose.localImages());
        assertThat(env).containsKeys("JRE_IMAGE", "RABBITMQ_IMAGE", "REDIS_IMAGE", "POSTGRES_IMAGE", "NGINX_IMAGE");
        int gatewayPort = Stack.freePort();
        int edgePort = Stack.freePort();
        int managementPort = Stack.freePort();
        env.putAll(Map.of(
                "IMAGE_TAG",
                "e2e",
                "PLATFORM_PROFILE",
                "dev",
                "ADMIN_API_KEY",
                ADMIN_KEY,
                "API_KEYS",
                clientKeys(),
                "POSTGRES_PASSWORD",
                "compose-e2e-postgres-password",
                "PRODUCTS_DEMO_CATALOGUE",
                "false",
                "GATEWAY_PUBLISHED_PORT",
                Integer.toString(gatewayPort),
                "EDGE_FUNCTIONS_PUBLISHED_PORT",
                Integer.toString(edgePort),
                "RABBITMQ_PUBLISHED_PORT",
                Integer.toString(Stack.freePort()),
                "RABBITMQ_MANAGEMENT_PUBLISHED_PORT",
                Integer.toString(managementPort)));
        // ten JVMs starting at once on a CI host of two cores: give each start ten minutes before failed checks count
        env.put("SERVICE_START_PERIOD", "600s");
        compose = new DockerCompose("e2e" + Long.toString(System.currentTimeMillis(), 36), env);
        gateway = URI.create("http://localhost:" + gatewayPort);
        edgeFunctions = URI.create("http://localhost:" + edgePort);
        rabbitManagement = URI.create("http://localhost:" + managementPort);

        long build = System.nanoTime();
        compose.compose(Duration.ofMinutes(20), "build");
        // the earlier builds of these tags are dangling now
        compose.docker(
                Duration.ofMinutes(2),
                "image",
                "prune",
                "-f",
                "--filter",
                "label=org.opencontainers.image.vendor=orders-platform");
        long up = System.nanoTime();
        compose.compose(
                Duration.ofMinutes(15),
                "up",
                "-d",
                "--scale",
                "api-gateway=2",
                "--scale",
                "orders-service=2",
                "--scale",
                "products-service=2");
        compose.awaitHealthy(Duration.ofMinutes(5), SUBSCRIPTIONS);
        System.out.printf(
                "%n[compose test] project %s: images built in %.0f s, all healthy %.0f s after up%n",
                compose.project, (up - build) / 1e9, (System.nanoTime() - up) / 1e9);
    }

    @AfterAll
    static void down() {
        if (compose == null) {
            return;
        }
        compose.compose(Duration.ofMinutes(5), "down", "-v", "--remove-orphans");
        assertThat(compose.leftovers())
                .as("what down -v left of project %s", compose.project)
                .isEmpty();
        System.out.printf("[compose test] whole test %.0f s%n", (System.nanoTime() - startedAt) / 1e9);
    }

    @Test
    void ordersSurviveKillingServiceContainersBehindNginx() throws Exception {
        assertThat(compose.containers("api-gateway")).hasSize(2);
        assertThat(compose.containers("orders-service")).hasSize(2);
        assertThat(compose.containers("products-service")).hasSize(2);
        assertThat(managementStatus()).as("RabbitMQ management API").isEqualTo(200);

        Api admin = new Api(gateway, ADMIN_KEY, "Bearer " + ADMIN_KEY);
        List<String> products = new ArrayList<>();
        for (int i = 0; i < PRODUCTS; i++) {
            products.add(admin.createProduct("compose-" + i, STOCK_EACH));
        }
        List<Api> clients =
                CLIENT_KEYS.stream().map(key -> admin.as("Bearer " + key)).toList();

        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        Random random = new Random(7);
        Semaphore slots = new Semaphore(CONCURRENCY);
        Thread fault = null;
        List<String> killed = new ArrayList<>();
        long loadStart = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < ORDERS; i++) {
                if (i == ORDERS / 2) {
                    fault = Thread.ofPlatform().name("kill").start(() -> killed.addAll(killAndStartOneOfEach()));
                }
                Api client = clients.get(i % clients.size());
                String body = LoadRun.randomOrder(products, random);
                String key = compose.project + "-order-" + i;
                slots.acquire();
                pool.submit(() -> {
                    try {
                        String id = place(client, body, key, retries);
                        if (id != null) {
                            accepted.add(id);
                        } else {
                            refused.incrementAndGet();
                        }
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        fault.join();
        long loadEnd = System.nanoTime();
        assertThat(killed).hasSize(2);
        compose.awaitHealthy(Duration.ofMinutes(4), SUBSCRIPTIONS);

        Map<String, JsonNode> orders = new HashMap<>();
        await("every accepted order final")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    orders.clear();
                    clients.forEach(c ->
                            c.allOrders().forEach(o -> orders.put(o.get("id").asString(), o)));
                    return accepted.stream()
                            .allMatch(id -> orders.containsKey(id)
                                    && Set.of("CONFIRMED", "REJECTED")
                                            .contains(
                                                    orders.get(id).get("status").asString()));
                });
        long allFinal = System.nanoTime();
        assertThat(orders.keySet())
                .as("orders the clients see = the accepted ones")
                .isEqualTo(accepted);

        Map<String, Integer> confirmed = new HashMap<>();
        orders.values().stream()
                .filter(o -> o.get("status").asString().equals("CONFIRMED"))
                .forEach(o -> o.get("items")
                        .forEach(l -> confirmed.merge(
                                l.get("productId").asString(), l.get("quantity").asInt(), Integer::sum)));
        for (String product : products) {
            assertThat(STOCK_EACH - admin.stock(product))
                    .as("stock taken from %s = its confirmed quantities", product)
                    .isEqualTo(confirmed.getOrDefault(product, 0));
        }

        Map<String, Set<String>> events = new ConcurrentHashMap<>();
        await("the logger holds every order's events")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    events.clear();
                    events.putAll(loggedEvents());
                    return orders.values().stream()
                            .allMatch(o -> events.getOrDefault(o.get("id").asString(), Set.of())
                                    .containsAll(Set.of(
                                            "order.created",
                                            "order."
                                                    + o.get("status").asString().toLowerCase())));
                });
        for (JsonNode o : orders.values()) {
            Set<String> seen = events.get(o.get("id").asString());
            assertThat(seen.contains("order.confirmed") && seen.contains("order.rejected"))
                    .as("order %s decided both ways: %s", o.get("id"), seen)
                    .isFalse();
        }

        Map<String, Long> byGateway = ordersPerGateway();
        assertThat(byGateway)
                .as("POST /orders per gateway")
                .hasSize(2)
                .allSatisfy((name, count) -> assertThat(count).as(name).isGreaterThanOrEqualTo(ORDERS / 10));

        Map<String, Long> outcome = orders.values().stream()
                .collect(Collectors.groupingBy(
                        o -> o.get("status").asString() + ("EXPIRED".equals(text(o, "reason")) ? " (expired)" : ""),
                        Collectors.counting()));
        System.out.printf(
                "[compose test] %d orders from %d clients through nginx, %d accepted (%s), %d refused, "
                        + "%d retries; killed and started %s; load %.1f s, all final %.1f s after it; "
                        + "orders per gateway %s%n",
                ORDERS,
                clients.size(),
                accepted.size(),
                outcome,
                refused.get(),
                retries.get(),
                killed,
                (loadEnd - loadStart) / 1e9,
                (allFinal - loadEnd) / 1e9,
                byGateway);
        assertThat(accepted.size()).as("accepted orders").isGreaterThan(ORDERS * 9 / 10);
    }

    /** Kills one orders-service and one products-service container, starts them again; their names. */
    private static List<String> killAndStartOneOfEach() {
        List<DockerCompose.Container> victims = List.of(
                compose.containers("orders-service").getFirst(),
                compose.containers("products-service").getFirst());
        victims.forEach(c -> compose.docker(Duration.ofMinutes(1), "kill", c.id()));
        victims.forEach(c -> compose.docker(Duration.ofMinutes(2), "start", c.id()));
        return victims.stream().map(DockerCompose.Container::name).toList();
    }

    /**
     * POSTs an order until the API answers it; a cut connection, 502, 503 or 504 is retried with the same
     * Idempotency-Key, which makes the retry return the order the first attempt may have created. Attempts are
     * polled 100 ms apart, doubling to at most 2 s, for up to two minutes. The order's id, or null when the API
     * refused it.
     */
    private static String place(Api client, String body, String key, AtomicInteger retries) {
        AtomicReference<Api.Reply> answer = new AtomicReference<>();
        AtomicInteger attempts = new AtomicInteger();
        await("order " + key + " answered")
                .atMost(Duration.ofMinutes(2))
                .pollInSameThread()
                .pollDelay(Duration.ZERO)
                .pollInterval(iterative(
                        d -> d.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0
                                ? Duration.ofSeconds(2)
                                : d.multipliedBy(2),
                        Duration.ofMillis(100)))
                .ignoreExceptionsInstanceOf(AssertionError.class) // a connection cut while a container restarts
                .until(() -> {
                    if (attempts.getAndIncrement() > 0) {
                        retries.incrementAndGet();
                    }
                    Api.Reply reply = client.call("POST", "/orders", body, "Idempotency-Key", key);
                    answer.set(reply);
                    return !Set.of(502, 503, 504).contains(reply.status());
                });
        return answer.get().status() == 201 ? answer.get().field("id") : null;
    }

    /** Event types the edge logger holds, by order id. */
    private static Map<String, Set<String>> loggedEvents() {
        Api logger = new Api(edgeFunctions, ADMIN_KEY, "Bearer " + ADMIN_KEY);
        Map<String, Set<String>> byOrder = new HashMap<>();
        String cursor = null;
        do {
            Api.Reply r = logger.call(
                    "GET", "/functions/v1/logger/events?limit=100" + (cursor == null ? "" : "&cursor=" + cursor), null);
            assertThat(r.status()).as("logger events: %s", r.body()).isEqualTo(200);
            r.body().get("items").forEach(e -> {
                String order = text(e, "orderId");
                if (order != null) {
                    byOrder.computeIfAbsent(order, k -> new java.util.HashSet<>())
                            .add(e.get("type").asString());
                }
            });
            cursor = text(r.body(), "nextCursor");
        } while (cursor != null);
        return byOrder;
    }

    /** POST /orders each gateway container served, from its own metrics. */
    private static Map<String, Long> ordersPerGateway() {
        Map<String, Long> counts = new HashMap<>();
        for (DockerCompose.Container gw : compose.containers("api-gateway")) {
            String metrics = compose.docker(
                    Duration.ofSeconds(30),
                    "exec",
                    gw.id(),
                    "curl",
                    "-fsS",
                    "-H",
                    "Authorization: Bearer " + ADMIN_KEY,
                    "http://localhost:3000/actuator/prometheus");
            long count = metrics.lines()
                    .filter(l -> l.startsWith("http_server_requests_seconds_count{"))
                    .filter(l -> l.contains("method=\"POST\"") && l.contains("uri=\"/orders\""))
                    .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                    .sum();
            counts.put(gw.name(), count);
        }
        return counts;
    }

    private static int managementStatus() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(rabbitManagement.resolve("/api/overview"))
                .header(
                        "Authorization",
                        "Basic " + java.util.Base64.getEncoder().encodeToString("guest:guest".getBytes()))
                .timeout(Duration.ofSeconds(10))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String clientKeys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < CLIENT_KEYS.size(); i++) {
            keys.add("shop-" + (char) ('a' + i) + ":" + CLIENT_KEYS.get(i) + ":orders.read,orders.write");
        }
        return String.join(";", keys);
    }
}
