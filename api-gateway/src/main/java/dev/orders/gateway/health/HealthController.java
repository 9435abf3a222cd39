package dev.orders.gateway.health;

import dev.orders.gateway.GatewayProperties;
import dev.orders.gateway.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health}: the gateway and what it depends on. 200 when what orders need is up (RabbitMQ, orders-service,
 * products-service), 503 with the same body otherwise, so a load balancer and a person read the same answer. The
 * webhook publisher is reported too, but only the admin routes under /webhooks need it. Anyone may ask; where the
 * services live and why one is down is for admins.
 */
@RestController
@Tag(name = "Health")
class HealthController {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final ConnectionFactory rabbit;
    private final GatewayProperties properties;
    private final URI webhookPublisher;

    HealthController(
            ConnectionFactory rabbit,
            GatewayProperties properties,
            dev.orders.gateway.webhook.WebhookPublisherProperties webhooks) {
        this.rabbit = rabbit;
        this.properties = properties;
        this.webhookPublisher = webhooks.url();
    }

    @GetMapping(path = "/health", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Health of the gateway and its dependencies")
    ResponseEntity<Map<String, Object>> health(@AuthenticationPrincipal Caller caller) {
        CompletableFuture<Map<String, Object>> orders = probe(properties.ordersServiceUrl());
        CompletableFuture<Map<String, Object>> products = probe(properties.productsServiceUrl());
        CompletableFuture<Map<String, Object>> webhooks = probe(webhookPublisher, "/actuator/health");
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("rabbitmq", rabbit());
        components.put("ordersService", orders.join());
        components.put("productsService", products.join());
        boolean up = components.values().stream().allMatch(c -> "UP".equals(((Map<?, ?>) c).get("status")));
        Map<String, Object> optional = new LinkedHashMap<>(webhooks.join());
        optional.put("required", false);
        components.put("webhookPublisher", optional);
        if (caller == null || !caller.admin()) {
            components.replaceAll((name, component) -> Map.of("status", ((Map<?, ?>) component).get("status")));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("components", components);
        return ResponseEntity.status(up ? 200 : 503).body(body);
    }

    private Map<String, Object> rabbit() {
        try (var connection = rabbit.createConnection()) {
            return Map.of("status", connection.isOpen() ? "UP" : "DOWN");
        } catch (RuntimeException e) {
            return Map.of("status", "DOWN", "error", String.valueOf(e.getMessage()));
        }
    }

    private CompletableFuture<Map<String, Object>> probe(URI base) {
        return probe(base, "/health");
    }

    private CompletableFuture<Map<String, Object>> probe(URI base, String path) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .<Map<String, Object>>thenApply(
                        r -> Map.of("status", r.statusCode() == 200 ? "UP" : "DOWN", "url", base.toString()))
                .exceptionally(e -> Map.of(
                        "status",
                        "DOWN",
                        "url",
                        base.toString(),
                        "error",
                        String.valueOf(e.getCause() == null ? e : e.getCause())));
    }
}
