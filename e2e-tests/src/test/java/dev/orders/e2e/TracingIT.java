package dev.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One order followed end to end in a real Zipkin: the five services export every span (100 % sampling), and the
 * trace the gateway names in its {@code traceparent} response header holds the whole flow, across HTTP, RabbitMQ,
 * both outboxes, the webhook (a retried attempt included) and the Telegram send, as one connected tree.
 */
@Order(6)
class TracingIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final Set<String> SERVICES =
            Set.of("api-gateway", "orders-service", "products-service", "webhook-publisher", "edge-functions");
    static ZipkinServer zipkin;
    static FakeTelegram telegram;
    static HttpServer flaky;
    static final AtomicInteger flakyCalls = new AtomicInteger();
    static Stack stack;
    static Api api;

    /** Lines of earlier runs stay in the log files (a build without clean): only this run's count. */
    static final Instant STARTED = Instant.now();

    @BeforeAll
    static void start() throws IOException {
        zipkin = new ZipkinServer();
        telegram = new FakeTelegram();
        // a subscriber that answers its first webhook with 500 and every later one with 204
        flaky = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        flaky.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(flakyCalls.incrementAndGet() == 1 ? 500 : 204, -1);
            exchange.close();
        });
        flaky.start();
        stack = Stack.named("tracing")
                .webhooks(telegram.url())
                .env("ZIPKIN_ENDPOINT", zipkin.url())
                .env("TRACING_SAMPLING_PROBABILITY", "1.0")
                .env("LOG_FORMAT", "json")
                // five services and Zipkin on a shared machine
                .startupTimeout(Duration.ofMinutes(5))
                .start();
        api = stack.api();
        String edge = stack.edgeFunctions().base().toString();
        stack.subscribe(edge + "/functions/v1/logger", "[\"*\"]", WebhookFlowIT.LOGGER_SECRET);
        stack.subscribe(edge + "/functions/v1/notifier", "[\"order.*\"]", WebhookFlowIT.NOTIFIER_SECRET);
        stack.subscribe(
                "http://127.0.0.1:" + flaky.getAddress().getPort() + "/hook",
                "[\"order.confirmed\"]",
                WebhookFlowIT.LOGGER_SECRET);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (flaky != null) {
            flaky.stop(0);
        }
        if (telegram != null) {
            telegram.close();
        }
        if (zipkin != null) {
            zipkin.close();
        }
    }

    @Test
    void anOrderIsOneTraceFromTheGatewayToTheTelegramMessage() throws IOException {
        String product = api.createProduct("Traced lamp", 10);
        long chat = 777;
        Api.Reply placed = api.call(
                "POST",
                "/orders",
                "{\"productId\":\"" + product + "\",\"quantity\":1,\"customer\":{\"telegramChatId\":" + chat
                        + ",\"locale\":\"en\"}}");
        assertThat(placed.status()).isEqualTo(201);
        String traceparent = placed.raw().headers().firstValue("traceparent").orElseThrow();
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        String traceId = traceparent.split("-")[1];
        String orderId = placed.field("id");
        assertThat(api.awaitFinal(orderId, WAIT).get("status").asString()).isEqualTo("CONFIRMED");
        await("telegram message")
                .atMost(WAIT)
                .until(() -> !telegram.sentTo(chat).isEmpty());

        // spans reach Zipkin in batches: wait until the last hop and the retried attempt are in and the tree is whole
        List<JsonNode> spans = await("the whole trace in zipkin")
                .atMost(WAIT)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> zipkin.trace(traceId), TracingIT::complete);

        assertThat(spans.stream().map(TracingIT::service).collect(Collectors.toSet()))
                .containsAll(SERVICES);
        Map<String, JsonNode> byId =
                spans.stream().collect(Collectors.toMap(s -> s.get("id").asString(), s -> s, (a, b) -> a));
        assertThat(spans)
                .as("one tree: every parent is a span of the trace, and one root (the gateway's request)")
                .filteredOn(s -> s.hasNonNull("parentId"))
                .allSatisfy(s -> assertThat(byId).containsKey(s.get("parentId").asString()));
        assertThat(spans.stream().filter(s -> !s.hasNonNull("parentId")).toList())
                .singleElement()
                .satisfies(root -> assertThat(service(root)).isEqualTo("api-gateway"));

        JsonNode relayPublish =
                named(spans, "orders-service", "publish order.confirmed").getFirst();
        assertThat(service(byId.get(relayPublish.get("parentId").asString())))
                .as("the relay's publish is a child of the handling that wrote the outbox row")
                .isEqualTo("orders-service");
        JsonNode intake = spans.stream()
                .filter(s -> service(s).equals("webhook-publisher")
                        && relayPublish
                                .get("id")
                                .asString()
                                .equals(s.path("parentId").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the publisher's consumer span continues the relay's publish"));
        assertThat(intake.path("kind").asString()).isEqualTo("CONSUMER");

        List<Integer> attemptStatuses = named(spans, "webhook-publisher", "webhook order.confirmed").stream()
                .map(s -> Integer.valueOf(
                        s.path("tags").path("http.response.status_code").asString()))
                .toList();
        assertThat(attemptStatuses)
                .as("a span per attempt with its HTTP status: the logger, the notifier, and the flaky subscriber twice")
                .hasSize(4)
                .contains(500, 204);

        List<JsonNode> sends = named(spans, "edge-functions", "send telegram");
        assertThat(sends).hasSize(1);
        assertThat(sends.getFirst().path("tags").path("outcome").asString()).isEqualTo("sent");
        assertThat(service(byId.get(sends.getFirst().get("parentId").asString())))
                .as("the send continues the notifier's request")
                .isEqualTo("edge-functions");
        assertThat(spans.toString()).as("the bot token is in no span").doesNotContain("E2Etoken");

        // LOG_FORMAT=json: the publisher's line about the failed attempt is JSON and names the order's trace
        Path publisherLog = Path.of(System.getProperty("e2e.logs", "target/e2e-logs"), "tracing-webhook-publisher.log");
        List<JsonNode> retryLines = await("the failed attempt logged")
                .atMost(WAIT)
                .until(
                        () -> jsonLines(publisherLog).stream()
                                .filter(l -> Instant.parse(l.path("@timestamp").asString())
                                        .isAfter(STARTED))
                                .filter(l -> l.path("message").asString().contains("failed (HTTP 500); retrying"))
                                .toList(),
                        lines -> !lines.isEmpty());
        assertThat(retryLines)
                .allSatisfy(line -> assertThat(line.path("traceId").asString()).isEqualTo(traceId))
                .allSatisfy(
                        line -> assertThat(line.at("/service/name").asString()).isEqualTo("webhook-publisher"));
    }

    /** The trace holds the Telegram send, both attempts at the flaky subscriber, and no span waits for a parent. */
    private static boolean complete(List<JsonNode> spans) {
        Set<String> ids = spans.stream().map(s -> s.get("id").asString()).collect(Collectors.toSet());
        boolean connected = spans.stream()
                .filter(s -> s.hasNonNull("parentId"))
                .allMatch(s -> ids.contains(s.get("parentId").asString()));
        return connected
                && !named(spans, "edge-functions", "send telegram").isEmpty()
                && named(spans, "webhook-publisher", "webhook order.confirmed").size() >= 4
                && spans.stream()
                        .map(TracingIT::service)
                        .collect(Collectors.toSet())
                        .containsAll(SERVICES);
    }

    /** Every line of a service's log, each parsed as JSON (a line that is not JSON fails the test). */
    private static List<JsonNode> jsonLines(Path log) throws IOException {
        return Files.readAllLines(log).stream()
                .filter(line -> !line.isBlank())
                .map(line -> JsonMapper.shared().readTree(line))
                .toList();
    }

    private static List<JsonNode> named(List<JsonNode> spans, String service, String name) {
        return spans.stream()
                .filter(s ->
                        service(s).equals(service) && s.path("name").asString().equalsIgnoreCase(name))
                .toList();
    }

    private static String service(JsonNode span) {
        return span.path("localEndpoint").path("serviceName").asString();
    }
}
