package dev.orders.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.contracts.Destinations;
import dev.orders.infra.json.WireJson;
import dev.orders.infra.test.AmqpTestClient;
import dev.orders.infra.test.IsolatedInfra;
import dev.orders.infra.test.Isolation;
import dev.orders.infra.test.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Who may call which route of the gateway, with real JWTs from a JWKS the test serves and real API keys. Nothing
 * consumes the queues: every request that gets through is one the gateway refuses itself (an invalid id or body,
 * 400) or answers itself, so "let through" is any answer but 401 and 403, and nothing is ever sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@IsolatedInfra("gateway-auth")
class GatewayAuthIT {

    static final String VHOST = Isolation.of(GatewayAuthIT.class).vhost();
    static final TestIssuer issuer = new TestIssuer();
    static final String ADMIN_KEY = "auth-it-admin-key";
    static final String READER_KEY = "auth-it-reader-key-01";
    static final String WRITER_KEY = "auth-it-writer-key-01";
    static final HttpClient http = HttpClient.newHttpClient();
    static AmqpTestClient amqp;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("gateway.rpc-timeout", () -> "1s");
        registry.add("platform.admin-api-key", () -> ADMIN_KEY);
        registry.add(
                "gateway.auth.api-keys",
                () -> "reader:" + READER_KEY + ":orders.read;writer:" + WRITER_KEY + ":orders.write");
        registry.add("gateway.auth.jwk-set-uri", () -> issuer.jwksUri().toString());
        registry.add("gateway.auth.issuer", issuer::issuer);
        registry.add("gateway.auth.audience", () -> TestIssuer.AUDIENCE);
        registry.add("gateway.orders-service-url", () -> "http://127.0.0.1:1");
        registry.add("gateway.products-service-url", () -> "http://127.0.0.1:1");
        registry.add("webhook.publisher.url", () -> "http://127.0.0.1:1");
    }

    @BeforeAll
    static void connect() {
        amqp = new AmqpTestClient(VHOST);
    }

    @AfterAll
    static void close() {
        amqp.close();
        issuer.close();
    }

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse("");
        }
    }

    Reply send(String method, String path, String body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            boolean json = r.headers().firstValue("Content-Type").orElse("").contains("json");
            return new Reply(
                    r.statusCode(),
                    json && !r.body().isEmpty() ? WireJson.mapper().readTree(r.body()) : null,
                    r);
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + ": " + e, e);
        }
    }

    enum Need {
        PUBLIC,
        READ,
        WRITE,
        ADMIN
    }

    record Route(String method, String path, String body, Need need) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Route> ROUTES = List.of(
            new Route("GET", "/health", null, Need.PUBLIC),
            new Route("GET", "/actuator/health", null, Need.PUBLIC),
            new Route("GET", "/openapi.json", null, Need.PUBLIC),
            new Route("GET", "/problems/not-found", null, Need.PUBLIC),
            new Route("GET", "/products/not-a-uuid", null, Need.PUBLIC),
            new Route("GET", "/products?limit=0", null, Need.PUBLIC),
            new Route("POST", "/orders", "{}", Need.WRITE),
            new Route("POST", "/orders/not-a-uuid/cancel", null, Need.WRITE),
            new Route("GET", "/orders/not-a-uuid", null, Need.READ),
            new Route("GET", "/orders?limit=0", null, Need.READ),
            new Route("POST", "/products", "{}", Need.ADMIN),
            new Route("POST", "/products/not-a-uuid/stock", "{}", Need.ADMIN),
            new Route("GET", "/webhooks/subscriptions", null, Need.ADMIN),
            new Route("DELETE", "/webhooks/subscriptions/x", null, Need.ADMIN),
            new Route("GET", "/actuator/prometheus", null, Need.ADMIN));

    @Test
    void letsEachCallerThroughExactlyTheRoutesItsScopesAllow() {
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("anonymous", null);
        callers.put("reader key", "Bearer " + READER_KEY);
        callers.put("writer key", "Bearer " + WRITER_KEY);
        callers.put(
                "shop JWT",
                issuer.token().subject("shop").scope("orders.read orders.write").bearer());
        callers.put("admin key", "Bearer " + ADMIN_KEY);
        callers.put(
                "admin JWT", issuer.token().es256().subject("ops").scp("admin").bearer());
        Map<String, List<Need>> allowed = Map.of(
                "anonymous", List.of(Need.PUBLIC),
                "reader key", List.of(Need.PUBLIC, Need.READ),
                "writer key", List.of(Need.PUBLIC, Need.WRITE),
                "shop JWT", List.of(Need.PUBLIC, Need.READ, Need.WRITE),
                "admin key", List.of(Need.values()),
                "admin JWT", List.of(Need.values()));
        List<String> wrong = new ArrayList<>();
        for (var caller : callers.entrySet()) {
            for (Route route : ROUTES) {
                Reply reply = send(route.method(), route.path(), route.body(), caller.getValue());
                boolean mayPass = allowed.get(caller.getKey()).contains(route.need());
                int expectedRefusal = caller.getValue() == null ? 401 : 403;
                // the services behind are away: health says so and the webhook proxy cannot reach the publisher
                boolean servicesAway = reply.status() == 503
                        && (route.path().equals("/health") || route.path().startsWith("/webhooks"));
                boolean ok = mayPass
                        ? reply.status() != 401 && reply.status() != 403 && (reply.status() < 500 || servicesAway)
                        : reply.status() == expectedRefusal;
                if (!ok) {
                    wrong.add(caller.getKey() + " " + route + " -> " + reply.status());
                }
            }
        }
        assertThat(wrong).as("callers let through or refused wrongly").isEmpty();
        assertThat(amqp.messageCount(Destinations.ORDERS_QUEUE)).isZero();
        assertThat(amqp.messageCount(Destinations.PRODUCTS_QUEUE)).isZero();
    }

    @Test
    void answersAMissingCredentialWith401ProblemAndBearerChallenge() {
        Reply reply = send("GET", "/orders", null, null);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(reply.body().get("type").asString()).isEqualTo("/problems/unauthorized");
        assertThat(reply.body().get("instance").asString()).isEqualTo("/orders");
    }

    @Test
    void answersEveryInvalidTokenWith401ProblemNamingInvalidToken() {
        Instant now = Instant.now();
        Map<String, String> invalid = new LinkedHashMap<>();
        invalid.put(
                "expired",
                issuer.token()
                        .subject("a")
                        .scope("orders.read")
                        .expiresAt(now.minus(Duration.ofMinutes(10)))
                        .bearer());
        invalid.put(
                "not yet valid",
                issuer.token()
                        .subject("a")
                        .scope("orders.read")
                        .notBefore(now.plus(Duration.ofMinutes(10)))
                        .bearer());
        invalid.put(
                "wrong issuer",
                issuer.token()
                        .subject("a")
                        .scope("orders.read")
                        .issuer("http://evil.example")
                        .bearer());
        invalid.put(
                "wrong audience",
                issuer.token()
                        .subject("a")
                        .scope("orders.read")
                        .audience("billing")
                        .bearer());
        invalid.put(
                "wrong key",
                issuer.token()
                        .subject("a")
                        .scope("orders.read")
                        .signedByAnotherKey()
                        .bearer());
        invalid.put(
                "alg none",
                issuer.token().subject("a").scope("orders.read").unsigned().bearer());
        invalid.put(
                "HS256 with the public key",
                issuer.token()
                        .subject("a")
                        .scope("orders.read")
                        .hmacWithThePublicKey()
                        .bearer());
        invalid.put("unknown API key", "Bearer not-a-key-we-know-of");
        invalid.put("garbage", "Bearer ###");
        for (var token : invalid.entrySet()) {
            Reply reply = send("GET", "/orders/not-a-uuid", null, token.getValue());
            assertThat(reply.status()).as(token.getKey()).isEqualTo(401);
            assertThat(reply.header("WWW-Authenticate"))
                    .as(token.getKey())
                    .startsWith("Bearer")
                    .contains("invalid");
            assertThat(reply.body().get("type").asString()).as(token.getKey()).isEqualTo("/problems/unauthorized");
            assertThat(reply.raw().body()).as(token.getKey()).doesNotContain("not-a-key-we-know-of");
        }
    }

    @Test
    void answersAMissingScopeWith403ProblemNamingTheScope() {
        Reply reply = send(
                "POST",
                "/orders",
                "{}",
                issuer.token().subject("a").scope("orders.read").bearer());
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.header("WWW-Authenticate"))
                .contains("insufficient_scope")
                .contains("orders.write");
        assertThat(reply.body().get("type").asString()).isEqualTo("/problems/forbidden");
        assertThat(reply.body().get("detail").asString()).contains("orders.write");
    }

    @Test
    void letsOnlyAnAdminListAnotherCallersOrders() {
        Reply reply = send("GET", "/orders?owner=someone-else", null, "Bearer " + READER_KEY);
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body().get("type").asString()).isEqualTo("/problems/forbidden");
        Reply admin = send("GET", "/orders?owner=" + "x".repeat(201), null, "Bearer " + ADMIN_KEY);
        assertThat(admin.status()).isEqualTo(400);
        assertThat(admin.body().get("errors").get(0).get("field").asString()).isEqualTo("owner");
    }
}
