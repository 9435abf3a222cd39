package dev.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orders.infra.json.WireJson;
import dev.orders.infra.test.RawHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The whole platform, edge functions included, facing a hostile or careless client: a corpus of malformed requests to
 * every public route gets only 4xx answers, each a problem JSON, and no service dies; 300 clients that send a body a
 * byte at a time neither slow down {@code /health} nor outlive the body deadline; orders whose customer name the
 * edge functions could not take are refused at the gateway, so they cannot silence the platform's own webhook
 * subscriptions.
 */
@Order(4)
class HostileHttpIT {

    /** Short enough that the test waits little; the defaults are 10 s and 5 s. */
    static final Duration BODY_TIMEOUT = Duration.ofSeconds(4);

    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String BEARER = "Bearer " + Stack.ADMIN_KEY;

    static FakeTelegram telegram;
    static Stack stack;
    static Api api;

    @BeforeAll
    static void start() {
        telegram = new FakeTelegram();
        stack = Stack.named("hostilehttp")
                .webhooks(telegram.url())
                .env("HTTP_BODY_TIMEOUT", BODY_TIMEOUT.toSeconds() + "s")
                .env("HTTP_READ_TIMEOUT", READ_TIMEOUT.toSeconds() + "s")
                .start();
        api = stack.api();
        String edge = stack.edgeFunctions().base().toString();
        stack.subscribe(edge + "/functions/v1/logger", "[\"*\"]", WebhookFlowIT.LOGGER_SECRET);
        stack.subscribe(edge + "/functions/v1/notifier", "[\"order.*\"]", WebhookFlowIT.NOTIFIER_SECRET);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        telegram.close();
    }

    private static int port(HostileHttpCorpus.Target target) {
        return target == HostileHttpCorpus.Target.GATEWAY ? stack.gateways.getFirst().port : stack.edgeFunctions().port;
    }

    /** What is wrong with an answer, or null when it keeps the rule: below 500, and a problem JSON if an error. */
    private static String violation(RawHttp.Response response) {
        if (response != null && response.status() >= 500) {
            return "answered " + response.status() + ": " + brief(response.text());
        }
        return notAProblem(response);
    }

    /** What is wrong with an answer, or null when it is a success or a complete problem JSON. */
    private static String notAProblem(RawHttp.Response response) {
        if (response == null) {
            return "closed the connection without an answer";
        }
        if (response.status() < 400) {
            return null;
        }
        String type = response.header("content-type");
        if (type == null || !type.startsWith("application/problem+json")) {
            return "answered " + response.status() + " as " + type + ": " + brief(response.text());
        }
        try {
            JsonNode problem = WireJson.mapper().readTree(response.body());
            if (problem.path("status").asInt() != response.status()
                    || !problem.path("title").isString()
                    || problem.path("detail").asString("").isBlank()) {
                return "answered " + response.status() + " with an incomplete problem: " + brief(response.text());
            }
        } catch (JacksonException e) {
            return "answered " + response.status() + " with a problem that is not JSON: " + brief(response.text());
        }
        return null;
    }

    private static String brief(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() <= 300 ? line : line.substring(0, 300) + "…";
    }

    @Test
    void everyHostileRequestGetsAClientErrorAsProblemJsonAndNoServiceDies() throws Exception {
        List<HostileHttpCorpus.Probe> corpus = HostileHttpCorpus.all();
        assertThat(corpus).as("requests in the corpus").hasSizeGreaterThanOrEqualTo(100);
        assertThat(corpus.stream().map(HostileHttpCorpus.Probe::target).distinct())
                .containsExactlyInAnyOrder(HostileHttpCorpus.Target.values());

        List<String> violations = new ArrayList<>();
        int sent = 0;
        for (HostileHttpCorpus.Probe probe : corpus) {
            for (String authorization : new String[] {BEARER, null}) {
                RawHttp.Response response;
                try {
                    response = RawHttp.exchange(
                            "localhost", port(probe.target()), probe.bytes(authorization), Duration.ofSeconds(30));
                } catch (IOException e) {
                    response = null;
                    violations.add(
                            probe.target() + " " + probe.name() + (authorization == null ? "" : " (admin)") + ": " + e);
                    continue;
                }
                sent++;
                String wrong = violation(response);
                if (wrong != null) {
                    violations.add(probe.target() + " " + probe.name() + (authorization == null ? "" : " (admin)")
                            + ": " + wrong);
                }
            }
        }

        assertThat(violations).as("answers that break the rule, of %d", sent).isEmpty();
        assertThat(stack.all())
                .allSatisfy(
                        service -> assertThat(service.alive()).as(service.name).isTrue());
        stack.awaitHealthy();
        String product = api.createProduct("After the storm", 5);
        assertThat(api.awaitFinal(api.placeOrder(product, 1), WAIT)
                        .get("status")
                        .asString())
                .isEqualTo("CONFIRMED");
    }

    @Test
    void ordersWhoseCustomerTheEdgeFunctionsCouldNotTakeAreRefusedAndCannotSilenceTheSubscriptions() {
        String product = api.createProduct("Lamp", 100);
        for (int i = 0; i < 25; i++) {
            Api.Reply refused = api.call(
                    "POST",
                    "/orders",
                    "{\"productId\":\"" + product + "\",\"quantity\":1," + "\"customer\":{\"name\":\"Ana\\u0000" + i
                            + "\",\"telegramChatId\":777}}");

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.raw().headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(refused.body().get("errors").findValuesAsString("field")).containsExactly("customer.name");
        }

        // the platform's own subscriptions are still there, and a good order still reaches the logger
        Api.Reply placed = api.call(
                "POST",
                "/orders",
                "{\"productId\":\"" + product + "\",\"quantity\":1,"
                        + "\"customer\":{\"name\":\"Ana\",\"telegramChatId\":778}}");
        assertThat(placed.status()).isEqualTo(201);
        String id = placed.field("id");
        assertThat(api.awaitFinal(id, WAIT).get("status").asString()).isEqualTo("CONFIRMED");
        await("the logger has the order").atMost(WAIT).until(() -> logged(id) > 0);
        JsonNode subscriptions = api.call("GET", "/webhooks/subscriptions?limit=100", null, "Authorization", BEARER)
                .body()
                .get("items");
        assertThat(subscriptions.findValuesAsString("url")).anyMatch(u -> u.endsWith("/functions/v1/logger"));
        subscriptions.forEach(s -> assertThat(s.get("enabled").asBoolean())
                .as(s.get("url").asString())
                .isTrue());
    }

    private static int logged(String orderId) {
        Api edge = new Api(stack.edgeFunctions().base(), Stack.ADMIN_KEY, BEARER);
        Api.Reply reply =
                edge.call("GET", "/functions/v1/logger/events?orderId=" + orderId, null, "Authorization", BEARER);
        return reply.status() == 200 ? reply.body().get("items").size() : 0;
    }

    @Test
    void threeHundredSlowBodiesNeitherStallHealthNorOutliveTheBodyDeadline() throws Exception {
        int gateway = port(HostileHttpCorpus.Target.GATEWAY);
        int edge = port(HostileHttpCorpus.Target.EDGE);
        // a client with the right to order, so the gateway gets as far as reading the body
        String orderHead = "POST /orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer " + Stack.SHOP_KEY + "\r\nContent-Length: 65536\r\n\r\n";
        List<RawHttp.SlowBody> slow = new ArrayList<>();
        List<Long> opened = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                boolean toGateway = i % 2 == 0;
                // fresh signature headers, so the edge function reads the body (a wrong signature shows only then)
                String head = toGateway
                        ? orderHead
                        : "POST /functions/v1/logger HTTP/1.1\r\nHost: localhost\r\n"
                                + "Content-Type: application/json\r\nContent-Length: 65536\r\nwebhook-id: msg_slow_" + i
                                + "\r\nwebhook-timestamp: " + Instant.now().getEpochSecond()
                                + "\r\nwebhook-signature: v1,AAAA\r\n\r\n";
                opened.add(System.nanoTime());
                // a byte every 200 ms would take 3.6 hours for 64 KB; the client gives up by itself after 60 s
                slow.add(RawHttp.SlowBody.start(
                        "localhost",
                        toGateway ? gateway : edge,
                        head,
                        65_536,
                        Duration.ofMillis(200),
                        Duration.ofSeconds(60)));
            }

            // a handful of health probes, spaced by Awaitility while the slow bodies are still arriving
            List<Duration> gatewayHealth = new ArrayList<>();
            List<Duration> edgeHealth = new ArrayList<>();
            await("health probes")
                    .pollDelay(Duration.ofMillis(300))
                    .pollInterval(Duration.ofMillis(400))
                    .atMost(WAIT)
                    .until(() -> {
                        gatewayHealth.add(timedHealth(gateway, "/health"));
                        edgeHealth.add(timedHealth(edge, "/actuator/health"));
                        return gatewayHealth.size() >= 6;
                    });
            assertThat(gatewayHealth)
                    .as("GET /health on the gateway")
                    .allSatisfy(d -> assertThat(d).isLessThan(Duration.ofSeconds(1)));
            assertThat(edgeHealth)
                    .as("GET /actuator/health on the edge functions")
                    .allSatisfy(d -> assertThat(d).isLessThan(Duration.ofSeconds(1)));

            // every slow client is answered (408 when its body ran out of time, 503 when it never got a turn) and
            // its connection closed by the server, within the body deadline plus a read timeout and some slack
            Duration bound = BODY_TIMEOUT.plus(READ_TIMEOUT).plusSeconds(10);
            CompletableFuture.allOf(
                            slow.stream().map(RawHttp.SlowBody::closedAtNanos).toArray(CompletableFuture[]::new))
                    .get(bound.plusSeconds(30).toSeconds(), TimeUnit.SECONDS);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < slow.size(); i++) {
                RawHttp.SlowBody client = slow.get(i);
                assertThat(client.closedByServer())
                        .as("connection %d closed by the server", i)
                        .isTrue();
                assertThat(Duration.ofNanos(client.closedAtNanos().join() - opened.get(i)))
                        .as("connection %d open for", i)
                        .isLessThan(bound);
                RawHttp.Response response = client.response().join();
                // 503 is the answer to a body that found no turn: the service shedding load, as it should
                assertThat(notAProblem(response)).as("connection %d", i).isNull();
                statuses.add(response.status());
                assertThat(client.bytesSent()).isLessThan(65_536);
            }
            assertThat(statuses).containsOnly(408, 503).contains(408);
        } finally {
            slow.forEach(RawHttp.SlowBody::close);
        }
        assertThat(stack.all())
                .allSatisfy(
                        service -> assertThat(service.alive()).as(service.name).isTrue());
        String product = api.createProduct("After the trickle", 5);
        assertThat(api.awaitFinal(api.placeOrder(product, 1), WAIT)
                        .get("status")
                        .asString())
                .isEqualTo("CONFIRMED");
    }

    /** One GET on a new connection, as a load balancer's probe makes it; its time from connecting to the answer. */
    private static Duration timedHealth(int port, String path) throws IOException {
        long started = System.nanoTime();
        RawHttp.Response response = RawHttp.exchange(
                "localhost",
                port,
                ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII),
                Duration.ofSeconds(10));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(response).isNotNull();
        assertThat(response.status()).as("%s: %s", path, response.text()).isEqualTo(200);
        return took;
    }
}
