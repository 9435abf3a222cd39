package dev.orders.webhooks.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.infra.json.WireJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The admin API over real HTTP, as an operator (or the gateway) calls it. */
public final class AdminClient {

    public record Response(int status, java.net.http.HttpHeaders headers, String raw) {

        public JsonNode json() {
            return raw.isEmpty() ? null : WireJson.mapper().readTree(raw);
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;
    private final String apiKey;

    public AdminClient(String base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    public Response get(String path) {
        return send("GET", path, null, "Bearer " + apiKey);
    }

    public Response post(String path, String json) {
        return send("POST", path, json, "Bearer " + apiKey);
    }

    public Response patch(String path, String json) {
        return send("PATCH", path, json, "Bearer " + apiKey);
    }

    public Response delete(String path) {
        return send("DELETE", path, null, "Bearer " + apiKey);
    }

    public Response send(String method, String path, String json, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(15))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Creates a subscription and returns the answer (with its secret); fails the test on anything but 201. */
    public JsonNode subscribe(String url, String... eventTypes) {
        String types = String.join("\",\"", eventTypes);
        Response response = post(
                "/webhooks/subscriptions",
                "{\"url\":\"" + url + "\",\"eventTypes\":[\"" + types + "\"],\"description\":\"test\"}");
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.json();
    }

    public List<JsonNode> deliveries(String query) {
        Response response = get("/webhooks/deliveries?" + query);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        response.json().get("items").forEach(items::add);
        return items;
    }

    /** The deliveries of one subscription for one event (at most one, by design). */
    public List<JsonNode> deliveriesOf(String subscriptionId, String eventId) {
        return deliveries("subscriptionId=" + subscriptionId + "&limit=100").stream()
                .filter(d -> d.get("eventId").asString().equals(eventId))
                .toList();
    }

    public JsonNode delivery(String id) {
        Response response = get("/webhooks/deliveries/" + id);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }
}
