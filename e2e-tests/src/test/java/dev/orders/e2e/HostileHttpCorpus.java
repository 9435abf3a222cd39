package dev.orders.e2e;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Malformed and hostile HTTP requests to every public route of the gateway and the edge functions, written as the
 * bytes a client puts on the wire, so that nothing an HTTP library refuses to send is left out. Each request is sent
 * with the admin credential and again without one.
 */
final class HostileHttpCorpus {

    enum Target {
        GATEWAY,
        EDGE
    }

    /** One request; {@code head} ends before the blank line so a credential can be added. */
    record Probe(String name, Target target, String head, byte[] body) {

        byte[] bytes(String authorization) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String withAuth = authorization == null ? head : head + "Authorization: " + authorization + "\r\n";
            out.writeBytes((withAuth + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(body);
            return out.toByteArray();
        }
    }

    static final String PRODUCT = "00000000-0000-4000-8000-000000000001";
    static final String ORDER = "0193e7a2-0000-7000-8000-000000000001";
    static final String RECIPIENT = "0193e7a2-0000-7000-8000-0000000000aa";

    private final List<Probe> probes = new ArrayList<>();

    static List<Probe> all() {
        HostileHttpCorpus c = new HostileHttpCorpus();
        c.wrongMethods();
        c.contentTypes();
        c.invalidJson();
        c.hugeAndDeepJson();
        c.wrongTypes();
        c.overflowingNumbers();
        c.controlCharacters();
        c.percentEncoding();
        c.longThings();
        c.unknownRoutes();
        c.webhookSignatures();
        c.oversizedBodies();
        c.framing();
        c.credentials();
        c.negotiation();
        return List.copyOf(c.probes);
    }

    // ---- building blocks

    private void raw(String name, Target target, String head, byte[] body) {
        probes.add(new Probe(name, target, head, body));
    }

    /** A request with a body of the given content type (none when null) and an exact Content-Length. */
    private void send(
            String name,
            Target target,
            String method,
            String path,
            String contentType,
            byte[] body,
            String... headers) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        if (body.length > 0 || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        raw(name, target, head.toString(), body);
    }

    private void json(String name, Target target, String method, String path, String json, String... headers) {
        send(name, target, method, path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
    }

    private void get(String name, Target target, String path, String... headers) {
        send(name, target, "GET", path, null, new byte[0], headers);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static String order(String extra) {
        return "{\"productId\":\"" + PRODUCT + "\",\"quantity\":1" + extra + "}";
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    // ---- the corpus

    private void wrongMethods() {
        Target g = Target.GATEWAY;
        Target e = Target.EDGE;
        send("DELETE /orders", g, "DELETE", "/orders", null, new byte[0]);
        json("PUT /orders/{id}", g, "PUT", "/orders/" + ORDER, order(""));
        json("PATCH /products", g, "PATCH", "/products", "{}");
        get("GET /orders/{id}/cancel", g, "/orders/" + ORDER + "/cancel");
        send("DELETE /health", g, "DELETE", "/health", null, new byte[0]);
        send("TRACE /orders", g, "TRACE", "/orders", null, new byte[0]);
        send("FOO /orders (unknown method)", g, "FOO", "/orders", null, new byte[0]);
        json("POST /products/{id}", g, "POST", "/products/" + PRODUCT, "{}");
        send("DELETE /problems/not-found", g, "DELETE", "/problems/not-found", null, new byte[0]);
        json("PUT /functions/v1/logger", e, "PUT", "/functions/v1/logger", "{}");
        get("GET /functions/v1/notifier", e, "/functions/v1/notifier");
        json("POST /functions/v1/notifier/deliveries", e, "POST", "/functions/v1/notifier/deliveries", "{}");
        json("PATCH /functions/v1/notifier/recipients", e, "PATCH", "/functions/v1/notifier/recipients", "{}");
        send("DELETE /functions/v1/logger/events", e, "DELETE", "/functions/v1/logger/events", null, new byte[0]);
        send("TRACE /functions/v1/logger", e, "TRACE", "/functions/v1/logger", null, new byte[0]);
    }

    private void contentTypes() {
        Target g = Target.GATEWAY;
        byte[] body = order("").getBytes(StandardCharsets.UTF_8);
        send("order as text/plain", g, "POST", "/orders", "text/plain", body);
        send("order without Content-Type", g, "POST", "/orders", null, body);
        send("order as XML", g, "POST", "/orders", "application/xml", "<order/>".getBytes(StandardCharsets.UTF_8));
        send(
                "order as a form",
                g,
                "POST",
                "/orders",
                "application/x-www-form-urlencoded",
                "productId=x&quantity=1".getBytes(StandardCharsets.UTF_8));
        send(
                "order as multipart",
                g,
                "POST",
                "/orders",
                "multipart/form-data; boundary=zz",
                "--zz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--zz--\r\n"
                        .getBytes(StandardCharsets.UTF_8));
        send("order with an unknown charset", g, "POST", "/orders", "application/json; charset=klingon", body);
        send("order with a garbage Content-Type", g, "POST", "/orders", ";;;/=", body);
        send("order as UTF-16 but sent as UTF-8", g, "POST", "/orders", "application/json; charset=UTF-16", body);
        send("product as text/plain", g, "POST", "/products", "text/plain", "{}".getBytes(StandardCharsets.UTF_8));
        send(
                "stock as a form",
                g,
                "POST",
                "/products/" + PRODUCT + "/stock",
                "application/x-www-form-urlencoded",
                "set=5".getBytes(StandardCharsets.UTF_8));
        send(
                "recipient as text/plain",
                Target.EDGE,
                "POST",
                "/functions/v1/notifier/recipients",
                "text/plain",
                "{}".getBytes(StandardCharsets.UTF_8));
        send(
                "recipient without Content-Type",
                Target.EDGE,
                "POST",
                "/functions/v1/notifier/recipients",
                null,
                "{\"channel\":\"EMAIL\"}".getBytes(StandardCharsets.UTF_8));
    }

    private void invalidJson() {
        Target g = Target.GATEWAY;
        json("truncated JSON", g, "POST", "/orders", "{\"productId\":");
        json("trailing garbage", g, "POST", "/orders", order("") + "xyz");
        json("missing value", g, "POST", "/orders", "{\"productId\":}");
        json("NaN", g, "POST", "/orders", "{\"productId\":\"" + PRODUCT + "\",\"quantity\":NaN}");
        json("single quotes", g, "POST", "/orders", "{'productId':'x'}");
        json("a comment", g, "POST", "/orders", "/* hi */" + order(""));
        json("empty body", g, "POST", "/orders", "");
        json("null body", g, "POST", "/orders", "null");
        json("a bare string", g, "POST", "/orders", "\"order\"");
        json("a bare number", g, "POST", "/products", "123");
        send(
                "byte order mark",
                g,
                "POST",
                "/orders",
                "application/json",
                concat("", bytes(0xEF, 0xBB, 0xBF), order("")));
        send(
                "invalid UTF-8 in a string",
                g,
                "POST",
                "/orders",
                "application/json",
                concat("{\"productId\":\"", bytes(0xC3, 0x28), "\",\"quantity\":1}"));
        send(
                "overlong UTF-8",
                g,
                "POST",
                "/orders",
                "application/json",
                concat("{\"productId\":\"", bytes(0xC0, 0xAF), "\",\"quantity\":1}"));
        json("half a surrogate pair in a name", g, "POST", "/orders", order(",\"customer\":{\"name\":\"\\ud800\"}"));
        json("duplicate keys", g, "POST", "/orders", order(",\"quantity\":5"));
        json(
                "duplicate keys in a product",
                g,
                "POST",
                "/products",
                "{\"name\":\"a\",\"name\":\"b\",\"price\":1,\"stock\":1}");
        json("truncated recipient", Target.EDGE, "POST", "/functions/v1/notifier/recipients", "{\"channel\":");
        json("recipient is an array", Target.EDGE, "POST", "/functions/v1/notifier/recipients", "[1,2]");
        json("recipient is null", Target.EDGE, "POST", "/functions/v1/notifier/recipients", "null");
        json(
                "duplicate keys in a recipient",
                Target.EDGE,
                "POST",
                "/functions/v1/notifier/recipients",
                "{\"channel\":\"EMAIL\",\"channel\":\"SLACK\",\"address\":\"a@b.c\",\"eventTypes\":[\"*\"]}");
    }

    private void hugeAndDeepJson() {
        Target g = Target.GATEWAY;
        json("nesting 10,000 deep", g, "POST", "/orders", nested(10_000));
        json(
                "nesting 600 deep in a customer",
                g,
                "POST",
                "/orders",
                order(",\"customer\":{\"name\":" + nested(600) + "}"));
        json("a 60 KB name", g, "POST", "/orders", order(",\"customer\":{\"name\":\"" + "n".repeat(60_000) + "\"}"));
        StringBuilder lines = new StringBuilder("{\"items\":[");
        for (int i = 0; i < 1200; i++) {
            lines.append(i == 0 ? "" : ",")
                    .append("{\"productId\":\"")
                    .append(PRODUCT)
                    .append("\",\"quantity\":1}");
        }
        json("1,200 lines", g, "POST", "/orders", lines.append("]}").toString());
        StringBuilder keys = new StringBuilder("{");
        for (int i = 0; i < 3000; i++) {
            keys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        json("3,000 unknown keys", g, "POST", "/orders", keys.append("}").toString());
        json(
                "a 5,000-digit quantity",
                g,
                "POST",
                "/orders",
                "{\"productId\":\"" + PRODUCT + "\",\"quantity\":" + "9".repeat(5000) + "}");
        json(
                "nesting 10,000 deep in a recipient",
                Target.EDGE,
                "POST",
                "/functions/v1/notifier/recipients",
                nested(10_000));
        json(
                "a 500 KB recipient name",
                Target.EDGE,
                "POST",
                "/functions/v1/notifier/recipients",
                "{\"channel\":\"EMAIL\",\"address\":\"a@b.c\",\"eventTypes\":[\"*\"],\"name\":\"" + "n".repeat(500_000)
                        + "\"}");
        StringBuilder types = new StringBuilder("[");
        for (int i = 0; i < 5000; i++) {
            types.append(i == 0 ? "" : ",").append("\"order.t").append(i).append("\"");
        }
        json(
                "5,000 event types",
                Target.EDGE,
                "POST",
                "/functions/v1/notifier/recipients",
                "{\"channel\":\"EMAIL\",\"address\":\"a@b.c\",\"eventTypes\":" + types.append("]}"));
    }

    private void wrongTypes() {
        Target g = Target.GATEWAY;
        json("productId is an array", g, "POST", "/orders", "{\"productId\":[],\"quantity\":1}");
        json("quantity is an object", g, "POST", "/orders", "{\"productId\":\"" + PRODUCT + "\",\"quantity\":{}}");
        json("items is a string", g, "POST", "/orders", "{\"items\":\"x\"}");
        json("customer is a number", g, "POST", "/orders", order(",\"customer\":5"));
        json("customer name is a number", g, "POST", "/orders", order(",\"customer\":{\"name\":5}"));
        json("customer email is true", g, "POST", "/orders", order(",\"customer\":{\"email\":true}"));
        json("customer locale is a list", g, "POST", "/orders", order(",\"customer\":{\"locale\":[]}"));
        json("price is a string", g, "POST", "/products", "{\"name\":\"a\",\"price\":\"9.99\",\"stock\":1}");
        json("stock is a string", g, "POST", "/products", "{\"name\":\"a\",\"price\":1,\"stock\":\"1\"}");
        json("name is an object", g, "POST", "/products", "{\"name\":{},\"price\":1,\"stock\":1}");
        json("set is true", g, "POST", "/products/" + PRODUCT + "/stock", "{\"set\":true}");
        json("set and add null", g, "POST", "/products/" + PRODUCT + "/stock", "{\"set\":null,\"add\":null}");
        json(
                "subscription url is a number",
                g,
                "POST",
                "/webhooks/subscriptions",
                "{\"url\":5,\"eventTypes\":\"order.*\"}");
        json(
                "recipient channel is a number",
                Target.EDGE,
                "POST",
                "/functions/v1/notifier/recipients",
                "{\"channel\":5,\"address\":{},\"eventTypes\":\"x\"}");
        json(
                "recipient event types hold numbers",
                Target.EDGE,
                "POST",
                "/functions/v1/notifier/recipients",
                "{\"channel\":\"EMAIL\",\"address\":\"a@b.c\",\"eventTypes\":[1,null,{}]}");
        json(
                "recipient active is a word",
                Target.EDGE,
                "PUT",
                "/functions/v1/notifier/recipients/" + RECIPIENT,
                "{\"channel\":\"EMAIL\",\"address\":\"a@b.c\",\"eventTypes\":[\"*\"],\"active\":\"yes\"}");
        json(
                "recipient locale is a number",
                Target.EDGE,
                "POST",
                "/functions/v1/notifier/recipients",
                "{\"channel\":\"EMAIL\",\"address\":\"a@b.c\",\"eventTypes\":[\"*\"],\"locale\":3}");
    }

    private void overflowingNumbers() {
        Target g = Target.GATEWAY;
        json("price 1e400", g, "POST", "/products", "{\"name\":\"a\",\"price\":1e400,\"stock\":1}");
        json("price -1e400", g, "POST", "/products", "{\"name\":\"a\",\"price\":-1e400,\"stock\":1}");
        json("price 1e-400", g, "POST", "/products", "{\"name\":\"a\",\"price\":1e-400,\"stock\":1}");
        json(
                "price with 2,000 decimals",
                g,
                "POST",
                "/products",
                "{\"name\":\"a\",\"price\":0." + "1".repeat(2000) + ",\"stock\":1}");
        json("stock beyond 32 bits", g, "POST", "/products", "{\"name\":\"a\",\"price\":1,\"stock\":4294967296}");
        json("stock 1e30", g, "POST", "/products", "{\"name\":\"a\",\"price\":1,\"stock\":1e30}");
        json("set beyond 64 bits", g, "POST", "/products/" + PRODUCT + "/stock", "{\"set\":99999999999999999999999}");
        json("add below -2^31", g, "POST", "/products/" + PRODUCT + "/stock", "{\"add\":-2147483649}");
        json("quantity 1e30", g, "POST", "/orders", "{\"productId\":\"" + PRODUCT + "\",\"quantity\":1e30}");
        json("quantity 1e400", g, "POST", "/orders", "{\"productId\":\"" + PRODUCT + "\",\"quantity\":1e400}");
        json(
                "chat id beyond 64 bits",
                g,
                "POST",
                "/orders",
                order(",\"customer\":{\"telegramChatId\":9223372036854775808}"));
        json("chat id 1e30", g, "POST", "/orders", order(",\"customer\":{\"telegramChatId\":1e30}"));
        get("limit beyond 64 bits", g, "/orders?limit=99999999999999999999999");
        get("limit 1e400", g, "/products?limit=1e400");
        get("events limit beyond 32 bits", Target.EDGE, "/functions/v1/logger/events?limit=4294967296");
        get(
                "deliveries since year 1000000000",
                Target.EDGE,
                "/functions/v1/logger/events?from=+1000000000-01-01T00:00:00Z");
    }

    private void controlCharacters() {
        Target g = Target.GATEWAY;
        json("U+0000 in a customer name", g, "POST", "/orders", order(",\"customer\":{\"name\":\"Ana\\u0000\"}"));
        json("U+0001 in an e-mail", g, "POST", "/orders", order(",\"customer\":{\"email\":\"a\\u0001@b.c\"}"));
        json("a newline in a locale", g, "POST", "/orders", order(",\"customer\":{\"locale\":\"es\\n\"}"));
        json("U+007F in a name", g, "POST", "/orders", order(",\"customer\":{\"name\":\"Ana\\u007F\"}"));
        json("U+0007 in a product name", g, "POST", "/products", "{\"name\":\"Lamp\\u0007\",\"price\":1,\"stock\":1}");
        send(
                "a raw NUL byte in a string",
                g,
                "POST",
                "/orders",
                "application/json",
                concat("{\"productId\":\"", bytes(0), "\",\"quantity\":1}"));
        json("an Idempotency-Key of spaces", g, "POST", "/orders", order(""), "Idempotency-Key:    ");
        send(
                "a control byte in a header",
                g,
                "POST",
                "/orders",
                "application/json",
                order("").getBytes(StandardCharsets.UTF_8),
                "Idempotency-Key: a\u0001b");
        send(
                "non-ASCII bytes in a header",
                g,
                "POST",
                "/orders",
                "application/json",
                order("").getBytes(StandardCharsets.UTF_8),
                "Idempotency-Key: \u00ff\u00fe");
        json(
                "U+0000 in a recipient name",
                Target.EDGE,
                "POST",
                "/functions/v1/notifier/recipients",
                "{\"channel\":\"EMAIL\",\"address\":\"a@b.c\",\"eventTypes\":[\"*\"],\"name\":\"x\\u0000\"}");
        get("U+0000 in an event filter", Target.EDGE, "/functions/v1/logger/events?type=a%00b");
        get("U+0000 in an order filter", Target.EDGE, "/functions/v1/notifier/deliveries?orderId=%00");
    }

    private void percentEncoding() {
        Target g = Target.GATEWAY;
        Target e = Target.EDGE;
        get("/orders/%zz", g, "/orders/%zz");
        get("/orders/% (bare)", g, "/orders/%");
        get("/orders/ truncated UTF-8", g, "/orders/%E0%A4%A");
        get("/products/ invalid UTF-8", g, "/products/%ff%fe");
        get("/orders/%00", g, "/orders/%00");
        get("?limit=%", g, "/orders?limit=%");
        get("?status=%zz", g, "/orders?status=%zz");
        get("?cursor=%GG", g, "/products?cursor=%GG");
        get("encoded slash", g, "/orders/a%2Fb");
        get("encoded dot-dot", g, "/orders/%2e%2e/health");
        get("climbing out of /webhooks", g, "/webhooks/..%2F..%2Factuator/env");
        get("/webhooks/subscriptions/%zz", g, "/webhooks/subscriptions/%zz");
        get("/webhooks/subscriptions?limit=%zz", g, "/webhooks/subscriptions?limit=%zz");
        get("/webhooks/deliveries?status=%", g, "/webhooks/deliveries?status=%");
        get("/problems/%zz", g, "/problems/%zz");
        get("a backslash in the path", g, "/orders/..\\..\\etc");
        get("/functions/v1/notifier/recipients/%zz", e, "/functions/v1/notifier/recipients/%zz");
        get("?type=%", e, "/functions/v1/logger/events?type=%");
        get("?status=%E0%A4%A", e, "/functions/v1/notifier/deliveries?status=%E0%A4%A");
        get("/functions/v1/notifier/deliveries/%ff", e, "/functions/v1/notifier/deliveries/%ff");
        get("encoded slash at the edge", e, "/functions/v1/notifier/recipients/a%2Fb");
    }

    private void longThings() {
        Target g = Target.GATEWAY;
        get("a 20 KB path", g, "/orders/" + "a".repeat(20_000));
        get("a 20 KB query", g, "/orders?cursor=" + "a".repeat(20_000));
        get("a 20 KB header", g, "/health", "X-Filler: " + "a".repeat(20_000));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            many.append("X-Many-").append(i).append(": y\r\n");
        }
        raw("300 headers", g, "GET /health HTTP/1.1\r\nHost: localhost\r\n" + many, new byte[0]);
        StringBuilder params = new StringBuilder("/orders?");
        for (int i = 0; i < 3000; i++) {
            params.append(i == 0 ? "" : "&").append("p").append(i).append("=1");
        }
        get("3,000 query parameters", g, params.toString());
        get("a 10 KB Idempotency-Key", g, "/orders", "Idempotency-Key: " + "k".repeat(10_000));
        get("a 20 KB path at the edge", Target.EDGE, "/functions/v1/logger/" + "a".repeat(20_000));
        get("a 20 KB header at the edge", Target.EDGE, "/actuator/health", "X-Filler: " + "a".repeat(20_000));
    }

    private void unknownRoutes() {
        Target g = Target.GATEWAY;
        json("POST /docs", g, "POST", "/docs", "{}");
        get("/docs with a bad query", g, "/docs?x=%zz");
        send("DELETE /openapi.json", g, "DELETE", "/openapi.json", null, new byte[0]);
        get("/openapi.json with a bad query", g, "/openapi.json?group=%");
        get("/openapi.json/%zz", g, "/openapi.json/%zz");
        get("/swagger-ui/ climbing out", g, "/swagger-ui/..%2f..%2fWEB-INF/web.xml");
        json("POST /health", g, "POST", "/health", "{}");
        get("/health with a bad query", g, "/health?verbose=%");
        json("POST /actuator/health at the edge", Target.EDGE, "POST", "/actuator/health", "{}");
        get("/nope", g, "/nope");
        get("/orders/x/y/z", g, "/orders/x/y/z");
        get("/.env", g, "/.env");
        get("/actuator/env", g, "/actuator/env");
        get("/actuator/heapdump", g, "/actuator/heapdump");
        get("/admin/dead-letters on the gateway", g, "/admin/dead-letters");
        get("/WEB-INF/web.xml", g, "/WEB-INF/web.xml");
        get("/problems/no-such-problem", g, "/problems/no-such-problem");
        get("/functions/v2/logger", Target.EDGE, "/functions/v2/logger");
        get("/actuator/env at the edge", Target.EDGE, "/actuator/env");
        get(
                "/functions/v1/notifier/recipients/{unknown}",
                Target.EDGE,
                "/functions/v1/notifier/recipients/" + RECIPIENT);
        get("/functions/v1/notifier/deliveries/not-a-uuid", Target.EDGE, "/functions/v1/notifier/deliveries/x");
    }

    private void webhookSignatures() {
        Target e = Target.EDGE;
        long now = Instant.now().getEpochSecond();
        String body = "{\"type\":\"order.created\",\"timestamp\":\"2025-11-27T00:00:00Z\",\"data\":{\"id\":\"x\"}}";
        json("no webhook headers", e, "POST", "/functions/v1/logger", body);
        json(
                "a stale timestamp",
                e,
                "POST",
                "/functions/v1/logger",
                body,
                "webhook-id: msg_1",
                "webhook-timestamp: " + (now - 3600),
                "webhook-signature: v1,AAAA");
        json(
                "a future timestamp",
                e,
                "POST",
                "/functions/v1/notifier",
                body,
                "webhook-id: msg_1",
                "webhook-timestamp: " + (now + 3600),
                "webhook-signature: v1,AAAA");
        json(
                "a timestamp that is not a number",
                e,
                "POST",
                "/functions/v1/logger",
                body,
                "webhook-id: msg_1",
                "webhook-timestamp: yesterday",
                "webhook-signature: v1,AAAA");
        json(
                "a timestamp beyond 64 bits",
                e,
                "POST",
                "/functions/v1/logger",
                body,
                "webhook-id: msg_1",
                "webhook-timestamp: 99999999999999999999999",
                "webhook-signature: v1,AAAA");
        json(
                "a timestamp beyond Instant",
                e,
                "POST",
                "/functions/v1/notifier",
                body,
                "webhook-id: msg_1",
                "webhook-timestamp: 9223372036854775807",
                "webhook-signature: v1,AAAA");
        json(
                "a negative timestamp",
                e,
                "POST",
                "/functions/v1/logger",
                body,
                "webhook-id: msg_1",
                "webhook-timestamp: -9223372036854775808",
                "webhook-signature: v1,AAAA");
        json(
                "an empty signature",
                e,
                "POST",
                "/functions/v1/logger",
                body,
                "webhook-id: msg_1",
                "webhook-timestamp: " + now,
                "webhook-signature: v1,");
        json(
                "an unknown signature version",
                e,
                "POST",
                "/functions/v1/notifier",
                body,
                "webhook-id: msg_1",
                "webhook-timestamp: " + now,
                "webhook-signature: v9,abc");
        json(
                "2,000 signatures",
                e,
                "POST",
                "/functions/v1/logger",
                body,
                "webhook-id: msg_1",
                "webhook-timestamp: " + now,
                "webhook-signature: " + "v1,AAAA ".repeat(1500));
        json(
                "a 10 KB webhook id",
                e,
                "POST",
                "/functions/v1/logger",
                body,
                "webhook-id: " + "i".repeat(10_000),
                "webhook-timestamp: " + now,
                "webhook-signature: v1,AAAA");
        send(
                "a body that is not UTF-8",
                e,
                "POST",
                "/functions/v1/logger",
                "application/json",
                bytes(0xff, 0xfe, 0x00, 0x7b),
                "webhook-id: msg_1",
                "webhook-timestamp: " + now,
                "webhook-signature: v1,AAAA");
        send(
                "an empty body",
                e,
                "POST",
                "/functions/v1/notifier",
                "application/json",
                new byte[0],
                "webhook-id: msg_1",
                "webhook-timestamp: " + now,
                "webhook-signature: v1,AAAA");
        json(
                "a signature signed with another key",
                e,
                "POST",
                "/functions/v1/logger",
                body,
                "webhook-id: msg_1",
                "webhook-timestamp: " + now,
                "webhook-signature: v1,puvPNlxupWwsal+vb3HWFYuJOWDC14XZ0p0NlZzw858=");
    }

    private void oversizedBodies() {
        Target g = Target.GATEWAY;
        json("a 100 KB order", g, "POST", "/orders", order(",\"pad\":\"" + "p".repeat(100_000) + "\""));
        raw(
                "a 100 KB chunked order",
                g,
                "POST /orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n",
                chunked("{\"pad\":\"" + "p".repeat(100_000) + "\"}"));
        raw(
                "a Content-Length beyond 64 bits",
                g,
                "POST /orders HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 99999999999999999999999\r\n",
                new byte[0]);
        raw(
                "a negative Content-Length",
                g,
                "POST /orders HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: -1\r\n",
                new byte[0]);
        raw(
                "a Content-Length that is not a number",
                g,
                "POST /orders HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: ten\r\n",
                new byte[0]);
        raw(
                "a 10 MB Content-Length with a short body",
                g,
                "POST /products HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 10485760\r\n",
                "{}".getBytes(StandardCharsets.UTF_8));
        json(
                "a 2 MB webhook",
                Target.EDGE,
                "POST",
                "/functions/v1/logger",
                "{\"pad\":\"" + "p".repeat(2_000_000) + "\"}",
                "webhook-id: msg_1",
                "webhook-timestamp: " + Instant.now().getEpochSecond(),
                "webhook-signature: v1,AAAA");
        raw(
                "a 2 MB chunked recipient",
                Target.EDGE,
                "POST /functions/v1/notifier/recipients HTTP/1.1\r\n"
                        + "Host: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                chunked("{\"name\":\"" + "n".repeat(2_000_000) + "\"}"));
    }

    private static byte[] chunked(String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < data.length; at += 8192) {
            int n = Math.min(8192, data.length - at);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(data, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private void framing() {
        Target g = Target.GATEWAY;
        byte[] body = order("").getBytes(StandardCharsets.UTF_8);
        String json = "POST /orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n";
        raw(
                "Content-Length and Transfer-Encoding",
                g,
                json + "Content-Length: " + body.length + "\r\nTransfer-Encoding: chunked\r\n",
                chunked(order("")));
        raw(
                "two different Content-Lengths",
                g,
                json + "Content-Length: " + body.length + "\r\nContent-Length: 5\r\n",
                body);
        raw(
                "Transfer-Encoding: chunked, identity",
                g,
                json + "Transfer-Encoding: chunked, identity\r\n",
                chunked(order("")));
        raw("Transfer-Encoding: xchunked", g, json + "Transfer-Encoding: xchunked\r\n", chunked(order("")));
        raw(
                "a chunk size that is not hex",
                g,
                json + "Transfer-Encoding: chunked\r\n",
                ("zz\r\n" + order("") + "\r\n0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        raw(
                "a chunk size beyond 64 bits",
                g,
                json + "Transfer-Encoding: chunked\r\n",
                ("fffffffffffffffffff\r\n{}\r\n0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        raw(
                "a space before the colon",
                g,
                "POST /orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json" + "\r\nContent-Length : "
                        + body.length + "\r\n",
                body);
        raw("a header without a colon", g, "GET /health HTTP/1.1\r\nHost: localhost\r\nNoColonHere\r\n", new byte[0]);
        raw("an obs-fold header", g, "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Folded: a\r\n b\r\n", new byte[0]);
        raw(
                "chunked on HTTP/1.0",
                g,
                "POST /orders HTTP/1.0\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n",
                chunked(order("")));
        raw("bare LF line ends", g, "GET /health HTTP/1.1\nHost: localhost\n", new byte[0]);
        raw("HTTP/9.9", g, "GET /health HTTP/9.9\r\nHost: localhost\r\n", new byte[0]);
        raw("HTTP/2.0 in an HTTP/1 request line", g, "GET /health HTTP/2.0\r\nHost: localhost\r\n", new byte[0]);
        raw("an unknown protocol", g, "GET /health FTP/1.1\r\nHost: localhost\r\n", new byte[0]);
        raw(
                "an absolute URI for another host",
                g,
                "GET http://evil.example/orders HTTP/1.1\r\nHost: localhost\r\n",
                new byte[0]);
        raw("no Host header", g, "GET /health HTTP/1.1\r\n", new byte[0]);
        raw("two Host headers", g, "GET /health HTTP/1.1\r\nHost: a\r\nHost: b\r\n", new byte[0]);
        raw("a space in the request target", g, "GET /orders /x HTTP/1.1\r\nHost: localhost\r\n", new byte[0]);
        raw(
                "Expect: 100-continue with a body too large",
                g,
                json + "Expect: 100-continue\r\nContent-Length: 999999\r\n",
                new byte[0]);
        raw(
                "Content-Length and Transfer-Encoding at the edge",
                Target.EDGE,
                "POST /functions/v1/logger HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n",
                chunked("{}"));
        raw(
                "a chunk size that is not hex at the edge",
                Target.EDGE,
                "POST /functions/v1/notifier/recipients HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                "qq\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
    }

    private void credentials() {
        Target g = Target.GATEWAY;
        json(
                "an empty bearer token",
                g,
                "POST",
                "/products",
                "{\"name\":\"a\",\"price\":1,\"stock\":1}",
                "Authorization: Bearer ");
        json(
                "Basic credentials",
                g,
                "POST",
                "/products",
                "{\"name\":\"a\",\"price\":1,\"stock\":1}",
                "Authorization: Basic YWRtaW46YWRtaW4=");
        get("a 10 KB bearer token", g, "/webhooks/subscriptions", "Authorization: Bearer " + "t".repeat(10_000));
        get(
                "a bearer token of non-ASCII bytes",
                Target.EDGE,
                "/functions/v1/notifier/recipients",
                "Authorization: Bearer \u00e9\u00e8");
    }

    private void negotiation() {
        Target g = Target.GATEWAY;
        get("Accept: application/xml on /orders", g, "/orders", "Accept: application/xml");
        get("Accept: text/html on /products", g, "/products/" + PRODUCT, "Accept: text/html");
        get("Accept: image/png on /problems", g, "/problems/not-found", "Accept: image/png");
        get("a malformed Accept", g, "/orders", "Accept: ;;;/");
        get(
                "Accept: application/xml at the edge",
                Target.EDGE,
                "/functions/v1/logger/events",
                "Accept: application/xml");
    }
}
