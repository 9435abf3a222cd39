package dev.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.infra.json.WireJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/**
 * The gateway's HTTP API as a client sees it: every call carries this client's credential unless it brings its own
 * {@code Authorization} header; admin calls carry the admin key.
 */
final class Api {

    static final Set<String> FINAL = Set.of("CONFIRMED", "REJECTED", "CANCELLED");

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private final HttpClient http = HTTP;
    private final URI base;
    private final String adminKey;
    private final String authorization;

    /** @param authorization the {@code Authorization} value of this client's calls; null for an anonymous one */
    Api(URI base, String adminKey, String authorization) {
        this.base = base;
        this.adminKey = adminKey;
        this.authorization = authorization;
    }

    /** The same API as another client. */
    Api as(String authorization) {
        return new Api(base, adminKey, authorization);
    }

    Api asAdmin() {
        return as("Bearer " + adminKey);
    }

    Api anonymous() {
        return as(null);
    }

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        String field(String name) {
            return body.get(name).asString();
        }
    }

    Reply call(String method, String path, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        boolean ownCredential = false;
        for (int i = 0; i < headers.length; i += 2) {
            ownCredential |= headers[i].equalsIgnoreCase("Authorization");
        }
        if (authorization != null && !ownCredential) {
            b.header("Authorization", authorization);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    r.statusCode(),
                    r.body().isEmpty() ? null : WireJson.mapper().readTree(r.body()),
                    r);
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        }
    }

    String createProduct(String name, int stock) {
        Reply r = call(
                "POST",
                "/products",
                "{\"name\":\"" + name + "\",\"price\":9.99,\"stock\":" + stock + "}",
                "Authorization",
                "Bearer " + adminKey);
        assertThat(r.status()).as("create product: %s", r.body()).isEqualTo(201);
        return r.field("id");
    }

    int stock(String productId) {
        Reply r = call("GET", "/products/" + productId, null);
        assertThat(r.status()).as("get product: %s", r.body()).isEqualTo(200);
        return r.body().get("stock").asInt();
    }

    Reply order(String productId, int quantity, String... headers) {
        return call("POST", "/orders", "{\"productId\":\"" + productId + "\",\"quantity\":" + quantity + "}", headers);
    }

    Reply orderLines(String linesJson, String... headers) {
        return call("POST", "/orders", "{\"items\":" + linesJson + "}", headers);
    }

    String placeOrder(String productId, int quantity) {
        Reply r = order(productId, quantity);
        assertThat(r.status()).as("place order: %s", r.body()).isEqualTo(201);
        assertThat(r.field("status")).isEqualTo("PENDING");
        return r.field("id");
    }

    JsonNode getOrder(String id) {
        Reply r = call("GET", "/orders/" + id, null);
        assertThat(r.status()).as("get order: %s", r.body()).isEqualTo(200);
        return r.body();
    }

    JsonNode awaitFinal(String id, Duration within) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await("order " + id + " final")
                .atMost(within)
                .pollInterval(Duration.ofMillis(100))
                .until(() ->
                        FINAL.contains((last[0] = getOrder(id)).get("status").asString()));
        return last[0];
    }

    /** Every order, following the cursor. */
    List<JsonNode> allOrders() {
        List<JsonNode> out = new ArrayList<>();
        String cursor = null;
        do {
            Reply r = call("GET", "/orders?limit=100" + (cursor == null ? "" : "&cursor=" + cursor), null);
            assertThat(r.status()).isEqualTo(200);
            r.body().get("items").forEach(out::add);
            JsonNode next = r.body().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
        } while (cursor != null);
        return out;
    }
}
