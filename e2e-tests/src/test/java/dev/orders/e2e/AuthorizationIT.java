package dev.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.contracts.CreateOrder;
import dev.orders.contracts.Customer;
import dev.orders.contracts.Destinations;
import dev.orders.contracts.OrderLine;
import dev.orders.contracts.Patterns;
import dev.orders.infra.test.TestIssuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Who sees and changes which order, through the real gateway, orders-service and products-service, with API keys
 * and with JWTs from a key set this test serves: each caller sees only its own orders and their customer block,
 * another caller's order is 404 for reading and cancelling alike, admins see and cancel every order.
 */
@Order(4)
class AuthorizationIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String CUSTOMER = "{\"name\":\"Ana\",\"telegramChatId\":4242,\"email\":\"ana@example.org\"}";
    static TestIssuer issuer;
    static Stack stack;
    static Api shop;
    static Api otherShop;
    static Api reader;
    static Api alice;
    static Api bob;
    static Api admin;
    static Api adminJwt;
    static Api anonymous;
    static String product;

    @BeforeAll
    static void start() {
        issuer = new TestIssuer();
        stack = Stack.named("authz")
                .env("AUTH_JWK_SET_URI", issuer.jwksUri().toString())
                .env("AUTH_JWT_ISSUER", issuer.issuer())
                .env("AUTH_JWT_AUDIENCE", TestIssuer.AUDIENCE)
                .start();
        shop = stack.api();
        otherShop = shop.as("Bearer " + Stack.OTHER_SHOP_KEY);
        reader = shop.as("Bearer " + Stack.READER_KEY);
        alice = shop.as(issuer.token()
                .subject("alice")
                .scope("orders.read orders.write")
                .expiresAt(java.time.Instant.now().plus(Duration.ofHours(1)))
                .bearer());
        bob = shop.as(issuer.token()
                .es256()
                .subject("bob")
                .scp("orders.read", "orders.write")
                .expiresAt(java.time.Instant.now().plus(Duration.ofHours(1)))
                .bearer());
        admin = shop.asAdmin();
        adminJwt = shop.as(issuer.token()
                .subject("ops")
                .scope("admin")
                .expiresAt(java.time.Instant.now().plus(Duration.ofHours(1)))
                .bearer());
        anonymous = shop.anonymous();
        product = shop.createProduct("Authorization matrix", 1000);
    }

    @AfterAll
    static void stop() {
        stack.close();
        issuer.close();
    }

    static String place(Api as) {
        Api.Reply reply = as.call(
                "POST", "/orders", "{\"productId\":\"" + product + "\",\"quantity\":1,\"customer\":" + CUSTOMER + "}");
        assertThat(reply.status()).as("place: %s", reply.body()).isEqualTo(201);
        return reply.field("id");
    }

    static List<String> listed(Api as, String query) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Api.Reply reply =
                    as.call("GET", "/orders?limit=100" + query + (cursor == null ? "" : "&cursor=" + cursor), null);
            assertThat(reply.status()).as("list: %s", reply.body()).isEqualTo(200);
            reply.body().get("items").forEach(o -> {
                ids.add(o.get("id").asString());
                assertThat(o.has("customer"))
                        .as("a listed order's customer block")
                        .isTrue();
            });
            JsonNode next = reply.body().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
        } while (cursor != null);
        return ids;
    }

    @Test
    void eachCallerSeesOnlyItsOwnOrdersAndAdminsSeeThemAll() {
        String byShop = place(shop);
        String byAlice = place(alice);
        String byOther = place(otherShop);
        JsonNode trusted = stack.amqp()
                .request(
                        Destinations.ORDERS_QUEUE,
                        Patterns.ORDERS_CREATE,
                        new CreateOrder(List.of(new OrderLine(product, 1)), new Customer("Nest", 7L, null, null), null),
                        WAIT)
                .get("response");
        String overAmqp = trusted.get("id").asString();

        Map<String, Api> callers = new LinkedHashMap<>();
        callers.put("shop", shop);
        callers.put("alice", alice);
        callers.put("other shop", otherShop);
        callers.put("bob", bob);
        callers.put("reader", reader);
        callers.put("admin key", admin);
        callers.put("admin JWT", adminJwt);
        Map<String, String> ownerOf = Map.of(byShop, "shop", byAlice, "alice", byOther, "other shop");
        List<String> wrong = new ArrayList<>();
        for (var caller : callers.entrySet()) {
            boolean isAdmin = caller.getKey().startsWith("admin");
            for (String order : List.of(byShop, byAlice, byOther, overAmqp)) {
                Api.Reply reply = caller.getValue().call("GET", "/orders/" + order, null);
                boolean own = caller.getKey().equals(ownerOf.get(order));
                int expected = own || isAdmin ? 200 : 404;
                if (reply.status() != expected) {
                    wrong.add(caller.getKey() + " GET " + order + " -> " + reply.status() + ", expected " + expected);
                } else if (expected == 200 && !reply.body().path("customer").has("telegramChatId")) {
                    wrong.add(caller.getKey() + " GET " + order + " without its customer block");
                } else if (expected == 404
                        && (!reply.raw()
                                        .headers()
                                        .firstValue("Content-Type")
                                        .orElse("")
                                        .startsWith("application/problem+json")
                                || reply.raw().body().contains("Ana"))) {
                    wrong.add(caller.getKey() + " GET " + order + ": 404 is not a bare problem");
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(anonymous.call("GET", "/orders/" + byShop, null).status()).isEqualTo(401);

        assertThat(listed(shop, "")).contains(byShop).doesNotContain(byAlice, byOther, overAmqp);
        assertThat(listed(alice, "")).containsExactly(byAlice);
        assertThat(listed(otherShop, "")).contains(byOther).doesNotContain(byShop, byAlice, overAmqp);
        assertThat(listed(bob, "")).isEmpty();
        assertThat(listed(admin, "")).contains(byShop, byAlice, byOther, overAmqp);
        assertThat(listed(adminJwt, "&owner=jwt:alice")).containsExactly(byAlice);
        assertThat(listed(admin, "&owner=amqp")).contains(overAmqp).doesNotContain(byShop, byAlice, byOther);
        assertThat(otherShop.call("GET", "/orders?owner=apikey:e2e-shop", null).status())
                .isEqualTo(403);

        JsonNode shopsOrder = shop.getOrder(byShop);
        assertThat(shopsOrder.get("ownerId").asString()).isEqualTo("apikey:e2e-shop");
        assertThat(shopsOrder.get("notifyCustomer").asBoolean())
                .as("the shop holds orders.notify")
                .isTrue();
        JsonNode alicesOrder = alice.getOrder(byAlice);
        assertThat(alicesOrder.get("ownerId").asString()).isEqualTo("jwt:alice");
        assertThat(alicesOrder.get("notifyCustomer").asBoolean())
                .as("alice does not hold orders.notify")
                .isFalse();
        assertThat(trusted.get("ownerId").asString()).isEqualTo("amqp");
    }

    @Test
    void onlyTheOwnerOrAnAdminCancelsAnOrder() {
        String order = place(shop);
        assertThat(otherShop.call("POST", "/orders/" + order + "/cancel", null).status())
                .isEqualTo(404);
        assertThat(bob.call("POST", "/orders/" + order + "/cancel", null).status())
                .isEqualTo(404);
        assertThat(reader.call("POST", "/orders/" + order + "/cancel", null).status())
                .isEqualTo(403);
        assertThat(anonymous.call("POST", "/orders/" + order + "/cancel", null).status())
                .isEqualTo(401);
        assertThat(shop.getOrder(order).get("status").asString()).isNotEqualTo("CANCELLED");

        Api.Reply cancelled = shop.call("POST", "/orders/" + order + "/cancel", null);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.field("status")).isEqualTo("CANCELLED");

        String alices = place(alice);
        assertThat(adminJwt.call("POST", "/orders/" + alices + "/cancel", null).field("status"))
                .isEqualTo("CANCELLED");
    }

    @Test
    void twoCallersWithTheSameIdempotencyKeyGetAnOrderEach() {
        String body = "{\"productId\":\"" + product + "\",\"quantity\":2}";
        String key = "same-key-for-everyone";
        Api.Reply first = shop.call("POST", "/orders", body, "Idempotency-Key", key);
        Api.Reply other = otherShop.call("POST", "/orders", body, "Idempotency-Key", key);
        Api.Reply again = shop.call("POST", "/orders", body, "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(other.status()).isEqualTo(201);
        assertThat(other.field("id")).isNotEqualTo(first.field("id"));
        assertThat(other.field("ownerId")).isEqualTo("apikey:other-shop");
        assertThat(again.field("id")).isEqualTo(first.field("id"));
        Api.Reply reused = otherShop.call(
                "POST", "/orders", "{\"productId\":\"" + product + "\",\"quantity\":3}", "Idempotency-Key", key);
        assertThat(reused.status()).as("the other shop's own key, reused").isEqualTo(422);
    }

    @Test
    void placingNeedsOrdersWriteAndReadingNeedsOrdersRead() {
        Api.Reply readerPlaces = reader.call("POST", "/orders", "{\"productId\":\"" + product + "\",\"quantity\":1}");
        assertThat(readerPlaces.status()).isEqualTo(403);
        assertThat(readerPlaces.body().get("detail").asString()).contains("orders.write");
        Api writerOnly =
                shop.as(issuer.token().subject("writer").scope("orders.write").bearer());
        Api.Reply placed = writerOnly.call("POST", "/orders", "{\"productId\":\"" + product + "\",\"quantity\":1}");
        assertThat(placed.status()).isEqualTo(201);
        assertThat(writerOnly.call("GET", "/orders/" + placed.field("id"), null).status())
                .isEqualTo(403);
        assertThat(anonymous.call("GET", "/products/" + product, null).status())
                .as("the catalogue is public")
                .isEqualTo(200);
    }
}
