package dev.orders.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.webhooks.support.AdminClient;
import dev.orders.webhooks.support.Receiver;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class SubscriptionApiIT extends PublisherTestSupport {

    @Test
    void theAdminApiNeedsTheAdminKey() {
        AdminClient.Response missing = admin.send("GET", "/webhooks/subscriptions", null, null);
        AdminClient.Response wrong = admin.send("GET", "/webhooks/subscriptions", null, "Bearer nope");
        AdminClient.Response notBearer = admin.send("GET", "/webhooks/deliveries", null, "Basic " + ADMIN_KEY);

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.header("WWW-Authenticate")).hasValue("Bearer realm=\"admin\"");
        assertThat(missing.json().get("type").asString()).isEqualTo("/problems/unauthorized");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.json().get("type").asString()).isEqualTo("/problems/forbidden");
        assertThat(notBearer.status()).isEqualTo(401);
        assertThat(admin.send("POST", "/webhooks/subscriptions", "{}", "Bearer nope")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void createsReadsUpdatesAndDeletesASubscriptionShowingTheSecretOnlyOnCreate() {
        Receiver receiver = receiver();
        AdminClient.Response created = admin.post(
                "/webhooks/subscriptions",
                "{\"url\":\"" + receiver.url()
                        + "\",\"eventTypes\":[\"order.confirmed\",\"order.*\",\"order.confirmed\"],\"description\":\"logger\"}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.header("Location")).hasValue("/webhooks/subscriptions/" + id);
        assertThat(created.json().get("secret").asString()).matches("whsec_[A-Za-z0-9+/]{43}=");
        assertThat(created.json().get("eventTypes"))
                .extracting(JsonNode::asString)
                .containsExactly("order.confirmed", "order.*");
        assertThat(created.json().get("enabled").asBoolean()).isTrue();

        AdminClient.Response read = admin.get("/webhooks/subscriptions/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.raw()).doesNotContain("whsec_").doesNotContain("secret\"");
        assertThat(read.json().get("description").asString()).isEqualTo("logger");
        assertThat(admin.get("/webhooks/subscriptions?limit=100").json().get("items"))
                .extracting(s -> s.get("id").asString())
                .contains(id);

        AdminClient.Response disabled = admin.patch("/webhooks/subscriptions/" + id, "{\"enabled\":false}");
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        assertThat(disabled.json().get("disabledReason").asString()).isEqualTo("disabled by an administrator");

        Receiver moved = receiver();
        AdminClient.Response changed = admin.patch(
                "/webhooks/subscriptions/" + id,
                "{\"url\":\"" + moved.url()
                        + "\",\"eventTypes\":[\"product.stockReserved\"],\"description\":null,\"enabled\":true}");
        assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
        assertThat(changed.json().get("url").asString()).isEqualTo(moved.url());
        assertThat(changed.json().get("eventTypes"))
                .extracting(JsonNode::asString)
                .containsExactly("product.stockReserved");
        assertThat(changed.json().has("description")).isFalse();
        assertThat(changed.json().get("enabled").asBoolean()).isTrue();
        assertThat(changed.raw()).doesNotContain("whsec_");

        assertThat(admin.delete("/webhooks/subscriptions/" + id).status()).isEqualTo(204);
        assertThat(admin.get("/webhooks/subscriptions/" + id).status()).isEqualTo(404);
        assertThat(admin.delete("/webhooks/subscriptions/" + id).status()).isEqualTo(404);
        assertThat(admin.patch("/webhooks/subscriptions/" + id, "{\"enabled\":true}")
                        .status())
                .isEqualTo(404);
        assertThat(admin.get("/webhooks/subscriptions?limit=100").json().get("items"))
                .extracting(s -> s.get("id").asString())
                .doesNotContain(id);
    }

    @Test
    void refusesBadSubscriptionInputWithAProblemNamingEveryField() {
        AdminClient.Response response = admin.post(
                "/webhooks/subscriptions",
                "{\"url\":\"ftp://example.com/x\",\"eventTypes\":[\"order.confirmed\",\"order.shipped\",7],"
                        + "\"colour\":\"blue\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("/problems/validation-error");
        assertThat(problem.get("errors"))
                .extracting(e -> e.get("field").asString())
                .containsExactlyInAnyOrder("url", "eventTypes[1]", "eventTypes[2]", "colour");
        assertThat(problem.get("errors").toString())
                .contains("absolute http or https URL")
                .contains("not a known event type");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"url\":\"/relative/hook\",\"eventTypes\":[\"order.confirmed\"]}",
                "{\"url\":\"http://user:pw@127.0.0.1/hook\",\"eventTypes\":[\"order.confirmed\"]}",
                "{\"url\":\"http://127.0.0.1/hook\",\"eventTypes\":[]}",
                "{\"url\":\"http://127.0.0.1/hook\"}",
                "{\"eventTypes\":[\"order.confirmed\"]}",
                "{\"url\":42,\"eventTypes\":\"order.confirmed\"}",
                "{\"url\":\"http://127.0.0.1/hook\",\"eventTypes\":[\"invoice.*\"]}",
                "[\"not an object\"]",
                "{\"url\": \"http://127.0.0.1/hook\", \"eventTypes\": [",
            })
    void refusesEachKindOfBadInput(String body) {
        AdminClient.Response response = admin.post("/webhooks/subscriptions", body);

        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://10.0.0.1/hook",
                "http://169.254.169.254/latest/meta-data/",
                "http://192.168.1.20:8080/hook",
                "http://172.16.5.4/hook",
                "http://127.0.0.2:3004/hook",
                "http://[::1]:3004/hook",
                "http://[fd00::1]/hook",
                "http://[fe80::1]/hook",
                "http://0.0.0.0/hook",
                "http://100.64.0.1/hook",
                "http://[::ffff:10.0.0.1]/hook",
                "http://224.0.0.1/hook"
            })
    void refusesUrlsThatPointIntoAPrivateNetwork(String url) {
        AdminClient.Response response =
                admin.post("/webhooks/subscriptions", "{\"url\":\"" + url + "\",\"eventTypes\":[\"order.confirmed\"]}");

        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("url");
        assertThat(response.json().get("errors").get(0).get("message").asString())
                .contains("is not allowed")
                .contains("WEBHOOK_URL_ALLOWLIST");
    }

    @Test
    void anUpdateIsCheckedLikeACreate() {
        String id = subscribe(receiver(), "order.confirmed").get("id").asString();

        assertThat(admin.patch("/webhooks/subscriptions/" + id, "{\"url\":\"http://10.1.1.1/\"}")
                        .status())
                .isEqualTo(400);
        assertThat(admin.patch("/webhooks/subscriptions/" + id, "{\"eventTypes\":[]}")
                        .status())
                .isEqualTo(400);
        assertThat(admin.patch("/webhooks/subscriptions/" + id, "{\"enabled\":\"yes\"}")
                        .status())
                .isEqualTo(400);
        assertThat(admin.patch("/webhooks/subscriptions/" + id, "{}").status()).isEqualTo(400);
        assertThat(admin.post("/webhooks/subscriptions/" + id + "/rotate-secret", "{\"gracePeriodSeconds\":-1}")
                        .status())
                .isEqualTo(400);
        assertThat(admin.get("/webhooks/subscriptions/not-an-id").status()).isEqualTo(404);
        assertThat(admin.get("/webhooks/subscriptions/" + id).json().get("url").asString())
                .startsWith("http://127.0.0.1:");
    }

    @Test
    void listsDeliveriesWithFiltersAndPages() {
        Receiver receiver = receiver();
        String id = subscribe(receiver, "order.*").get("id").asString();
        String first = events.publish("order.created", dev.orders.webhooks.support.EventPublisher.order("PENDING"));
        // one after the other: several consumers may take two messages published together in either order
        awaitDelivery(id, first, "SUCCEEDED");
        String second =
                events.publish("order.confirmed", dev.orders.webhooks.support.EventPublisher.order("CONFIRMED"));
        awaitDelivery(id, second, "SUCCEEDED");

        AdminClient.Response page1 = admin.get("/webhooks/deliveries?subscriptionId=" + id + "&limit=1");
        String cursor = page1.json().get("nextCursor").asString();
        AdminClient.Response page2 =
                admin.get("/webhooks/deliveries?subscriptionId=" + id + "&limit=1&cursor=" + cursor);
        assertThat(page1.json().get("items")).hasSize(1);
        assertThat(page2.json().get("items")).hasSize(1);
        assertThat(page2.json().has("nextCursor")).isFalse();
        assertThat(List.of(
                        page1.json().get("items").get(0).get("eventId").asString(),
                        page2.json().get("items").get(0).get("eventId").asString()))
                .containsExactly(second, first);

        assertThat(admin.deliveries("subscriptionId=" + id + "&eventType=order.created"))
                .extracting(d -> d.get("eventId").asString())
                .containsExactly(first);
        assertThat(admin.deliveries("subscriptionId=" + id + "&status=succeeded"))
                .hasSize(2);
        assertThat(admin.deliveries("subscriptionId=" + id + "&status=FAILED")).isEmpty();
        assertThat(admin.deliveries("subscriptionId=" + id + "&from=2999-01-01T00:00:00Z"))
                .isEmpty();
        assertThat(admin.deliveries("subscriptionId=" + id + "&from=2020-01-01T00:00:00Z&to=2999-01-01T00:00:00Z"))
                .hasSize(2);

        for (String bad : List.of(
                "status=LOST",
                "from=yesterday",
                "eventType=order.shipped",
                "limit=0",
                "cursor=abc",
                "subscriptionId=42",
                "from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z")) {
            assertThat(admin.get("/webhooks/deliveries?" + bad).status())
                    .as(bad)
                    .isEqualTo(400);
        }
        assertThat(admin.get("/webhooks/deliveries/01a2b3c4-0000-7000-8000-000000000000")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void exposesHealthAndMetricsWithoutTheAdminKey() {
        assertThat(admin.send("GET", "/actuator/health", null, null).status()).isEqualTo(200);
        AdminClient.Response metrics = admin.send("GET", "/actuator/prometheus", null, null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw()).contains("webhook_deliveries_backlog").contains("webhook_attempts_in_flight");
    }
}
