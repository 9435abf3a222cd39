package dev.orders.edge.support;

import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import dev.orders.infra.json.WireJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The app seen from outside: signed webhooks (signed with the reference library, not with the code under test),
 * and the admin routes.
 */
public final class EdgeClient {

    public static final String LOGGER_SECRET = "whsec_ZWRnZS1sb2dnZXItREVWLU9OTFktc2VjcmV0LTAwMDE=";
    public static final String NOTIFIER_SECRET = "whsec_ZWRnZS1ub3RpZmllci1ERVYtT05MWS1zZWNyZXQtMDE=";
    public static final String ADMIN_KEY = "dev-admin-key";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;

    public EdgeClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Answer(int status, String contentType, String body) {
        public JsonNode json() {
            return WireJson.mapper().readTree(body);
        }
    }

    public static String newWebhookId() {
        return "msg_" + UUID.randomUUID().toString().replace("-", "");
    }

    public static String payload(String type, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("timestamp", Instant.now().toString());
        body.put("data", data);
        return WireJson.mapper().writeValueAsString(body);
    }

    public static String sign(String secret, String id, long timestamp, String body) {
        try {
            return new Webhook(secret).sign(id, timestamp, body);
        } catch (WebhookSigningException e) {
            throw new AssertionError(e);
        }
    }

    /** A correctly signed delivery, as the webhook publisher sends it. */
    public Answer deliver(String function, String secret, String id, String body) {
        long now = Instant.now().getEpochSecond();
        return post(
                "/functions/v1/" + function,
                Map.of(
                        "webhook-id",
                        id,
                        "webhook-timestamp",
                        String.valueOf(now),
                        "webhook-signature",
                        sign(secret, id, now, body)),
                body);
    }

    public Answer toLogger(String id, String body) {
        return deliver("logger", LOGGER_SECRET, id, body);
    }

    public Answer toNotifier(String id, String body) {
        return deliver("notifier", NOTIFIER_SECRET, id, body);
    }

    /** Sends an event to the notifier and expects it accepted. */
    public void sendToNotifier(String type, Map<String, Object> data) {
        Answer answer = toNotifier(newWebhookId(), payload(type, data));
        if (answer.status() != 202) {
            throw new AssertionError("notifier answered " + answer.status() + ": " + answer.body());
        }
    }

    public List<JsonNode> deliveriesOf(String orderId) {
        Answer answer = admin("GET", "/functions/v1/notifier/deliveries?orderId=" + orderId, null);
        if (answer.status() != 200) {
            throw new AssertionError("deliveries answered " + answer.status() + ": " + answer.body());
        }
        return answer.json().get("items").values().stream().toList();
    }

    /** The order's only delivery, once it reached a final status. */
    public JsonNode finalDeliveryOf(String orderId, Duration wait) {
        return await().atMost(wait)
                .until(
                        () -> deliveriesOf(orderId),
                        d -> d.size() == 1
                                && List.of("SENT", "FAILED", "SKIPPED")
                                        .contains(d.getFirst().get("status").asString()))
                .getFirst();
    }

    public Answer post(String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return send(request);
    }

    public Answer admin(String method, String path, String body) {
        return admin(method, path, body, ADMIN_KEY);
    }

    public Answer admin(String method, String path, String body, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return send(request);
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(
                    request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
