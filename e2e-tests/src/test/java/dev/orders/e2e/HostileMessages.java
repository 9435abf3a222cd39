package dev.orders.e2e;

import com.rabbitmq.client.AMQP;
import dev.orders.infra.json.WireJson;
import dev.orders.infra.messaging.FailureRouter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A corpus of malformed AMQP messages for the platform's three consumed queues: bodies that are not UTF-8, not JSON,
 * too large, too deep, too long; envelopes with an {@code id} or {@code pattern} of the wrong kind; unknown patterns;
 * void and non-text headers; and, for every field of every pattern, values of the wrong type. Each names the reason
 * its dead-lettered copy must give.
 */
final class HostileMessages {

    static final String ORDERS = "orders_queue";
    static final String PRODUCTS = "products_queue";
    static final String WEBHOOKS = "webhook_publisher_queue";
    static final String CASE_HEADER = "x-case";
    static final String UUID = "0190a7e2-1c3b-7d4e-8f10-2a3b4c5d6e7f";

    /**
     * One message. {@code reason} is a fragment of the {@code x-dead-letter-reason} its copy must carry;
     * {@code expectsReply} marks requests whose sender must also get an error reply.
     */
    record Poison(
            String queue, String name, byte[] body, AMQP.BasicProperties props, String reason, boolean expectsReply) {}

    private final String replyQueue;
    private final List<Poison> all = new ArrayList<>();

    private HostileMessages(String replyQueue) {
        this.replyQueue = replyQueue;
    }

    /** Every case; requests that expect a reply send it to {@code replyQueue}. */
    static List<Poison> corpus(String replyQueue) {
        HostileMessages m = new HostileMessages(replyQueue);
        for (String queue : List.of(ORDERS, PRODUCTS, WEBHOOKS)) {
            m.envelopes(queue);
        }
        m.wrongTypesOnOrdersQueue();
        m.wrongTypesOnProductsQueue();
        m.publisherEvents();
        return m.all;
    }

    /** The first hostile case, over and over: an envelope whose id is an object or an array. */
    static Poison burst(int i) {
        String id = i % 3 == 0 ? "{}" : i % 3 == 1 ? "[]" : "{\"nested\":[1,2,3]}";
        return new Poison(
                ORDERS,
                "burst-" + i,
                utf8("{\"pattern\":\"orders.get\",\"data\":{\"id\":\"x\"},\"id\":" + id + "}"),
                props("burst-" + i, Map.of()),
                "id must be a string",
                false);
    }

    private void envelopes(String queue) {
        String request =
                queue.equals(ORDERS) ? "orders.get" : queue.equals(PRODUCTS) ? "products.get" : "order.created";
        // ids and data of the wrong type
        add(
                queue,
                "id-object",
                "{\"pattern\":\"orders.get\",\"data\":{\"id\":\"x\"},\"id\":{}}",
                "id must be a string");
        add(queue, "id-array", "{\"pattern\":\"orders.get\",\"data\":{\"id\":\"x\"},\"id\":[]}", "id must be a string");
        Map<String, Object> voidHeader = new HashMap<>();
        voidHeader.put("x-void", null);
        add(queue, "void-header", utf8("{\"pattern\":\"no.such.pattern\",\"data\":{}}"), voidHeader, "no handler");
        add(queue, "fifteen-mb-array", fifteenMegabytesOfEmptyObjects(), Map.of(), "larger than the limit");
        // envelopes
        add(
                queue,
                "id-number",
                "{\"pattern\":\"" + request + "\",\"data\":{\"id\":\"x\"},\"id\":7}",
                "id must be a string");
        add(queue, "id-boolean", "{\"pattern\":\"" + request + "\",\"data\":{},\"id\":true}", "id must be a string");
        add(
                queue,
                "id-too-long",
                "{\"pattern\":\"" + request + "\",\"data\":{},\"id\":\"" + "i".repeat(300) + "\"}",
                "at most 255 characters");
        add(
                queue,
                "id-control-char",
                "{\"pattern\":\"" + request + "\",\"data\":{},\"id\":\"a\\u0000b\"}",
                "control characters");
        add(queue, "pattern-boolean", "{\"pattern\":true,\"data\":{}}", "pattern must be");
        add(queue, "pattern-null", "{\"pattern\":null,\"data\":{}}", "no pattern");
        add(queue, "no-pattern-no-data", "{\"cmd\":\"x\"}", "no pattern and no data");
        add(queue, "array-body", "[1,2,3]", "expected a JSON object");
        add(queue, "string-body", "\"orders.get\"", "expected a JSON object");
        add(queue, "null-body", "null", "expected a JSON object");
        add(queue, "empty-body", "", "expected a JSON object");
        add(queue, "not-json", "hello, queue", "not JSON");
        add(queue, "truncated-json", "{\"pattern\":\"" + request + "\",\"data\":{\"id\":\"x\"", "not JSON");
        add(queue, "trailing-garbage", "{\"pattern\":\"" + request + "\",\"data\":{}} {\"again\":1}", "not JSON");
        add(
                queue,
                "invalid-utf8-ff",
                bytes("{\"pattern\":\"" + request + "\",\"data\":{\"id\":\"", 0xff, 0xfe, "\"}}"),
                Map.of(),
                "not UTF-8");
        add(
                queue,
                "invalid-utf8-overlong-nul",
                bytes("{\"pattern\":\"" + request + "\",\"data\":{\"id\":\"", 0xc0, 0x80, "\"}}"),
                Map.of(),
                "not UTF-8");
        add(
                queue,
                "invalid-utf8-surrogate",
                bytes("{\"pattern\":\"" + request + "\",\"data\":{\"id\":\"", 0xed, 0xa0, 0x80, "\"}}"),
                Map.of(),
                "not UTF-8");
        add(
                queue,
                "invalid-utf8-truncated",
                bytes("{\"pattern\":\"" + request + "\",\"data\":{\"id\":\"", 0xe2, 0x82, "\"}}"),
                Map.of(),
                "not UTF-8");
        add(
                queue,
                "utf16-body",
                ("{\"pattern\":\"" + request + "\",\"data\":{}}").getBytes(StandardCharsets.UTF_16),
                Map.of(),
                "not");
        add(
                queue,
                "deep-arrays",
                "{\"pattern\":\"" + request + "\",\"data\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}",
                "nesting depth");
        add(
                queue,
                "deep-objects",
                "{\"pattern\":\"" + request + "\",\"data\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000) + "}",
                "nesting depth");
        add(
                queue,
                "long-number",
                "{\"pattern\":\"" + request + "\",\"data\":{\"id\":" + "9".repeat(5_000) + "}}",
                "Number value length");
        add(
                queue,
                "many-tokens",
                "{\"pattern\":\"" + request + "\",\"data\":[" + "0,".repeat(200_000) + "0]}",
                "Token count");
        add(
                queue,
                "two-megabyte-string",
                "{\"pattern\":\"" + request + "\",\"data\":{\"id\":\"" + "s".repeat(2 * 1024 * 1024) + "\"}}",
                "larger than the limit");
        add(queue, "twenty-mb-body", twentyMegabytes(request), Map.of(), "larger than the limit");
        add(queue, "unknown-pattern", "{\"pattern\":\"no.such.pattern\",\"data\":{}}", "no handler");
        add(
                queue,
                "unknown-object-pattern",
                "{\"pattern\":{\"cmd\":\"nope\",\"role\":\"x\"},\"data\":{}}",
                "no handler");
        add(queue, "numeric-pattern", "{\"pattern\":42,\"data\":{}}", "no handler");
        add(queue, "wide-pattern", "{\"pattern\":{" + wideObject(1_000) + "},\"data\":{}}", "no handler");
        // headers of every kind on a message that is poison for another reason
        Map<String, Object> odd = new HashMap<>();
        odd.put("x-retry-count", "many");
        odd.put("x-event-time-ms", "soon");
        odd.put(FailureRouter.EXPIRES_AT_HEADER, "tomorrow");
        odd.put("x-table", Map.of("inner", Arrays.asList(1, "two", null)));
        odd.put("x-bytes", new byte[] {0, 1, (byte) 0xff});
        add(queue, "odd-headers", utf8("{\"pattern\":\"no.such.pattern\",\"data\":{}}"), odd, "no handler");
        add(
                queue,
                "negative-retry-count",
                utf8("{\"pattern\":\"no.such.pattern\",\"data\":{}}"),
                Map.of("x-retry-count", -1_000_000),
                "no handler");
        add(
                queue,
                "retry-count-overflow",
                utf8("{\"pattern\":\"no.such.pattern\",\"data\":{}}"),
                Map.of("x-retry-count", Long.MAX_VALUE),
                "no handler");
    }

    private void wrongTypesOnOrdersQueue() {
        String line = "{\"productId\":\"" + UUID + "\",\"quantity\":1}";
        String create = "{\"items\":[" + line + "],\"customer\":{\"name\":\"Ana\",\"telegramChatId\":42,"
                + "\"email\":\"ana@example.org\",\"locale\":\"es\"},\"requestKey\":\"k-1\"}";
        wrongTypes(
                ORDERS,
                "orders.create",
                true,
                create,
                Map.of(
                        "items",
                        Kind.LIST,
                        "items[0]",
                        Kind.OBJECT,
                        "items[0].productId",
                        Kind.STRING,
                        "items[0].quantity",
                        Kind.INT,
                        "customer",
                        Kind.OBJECT,
                        "customer.name",
                        Kind.STRING,
                        "customer.telegramChatId",
                        Kind.LONG,
                        "customer.email",
                        Kind.STRING,
                        "customer.locale",
                        Kind.STRING,
                        "requestKey",
                        Kind.STRING));
        wrongTypes(ORDERS, "orders.get", true, "{\"id\":\"" + UUID + "\"}", Map.of("id", Kind.STRING));
        wrongTypes(ORDERS, "orders.cancel", true, "{\"id\":\"" + UUID + "\"}", Map.of("id", Kind.STRING));
        wrongTypes(
                ORDERS,
                "orders.list",
                true,
                "{\"status\":\"PENDING\",\"limit\":10,\"cursor\":\"" + UUID + "\"}",
                Map.of("status", Kind.ENUM, "limit", Kind.INT, "cursor", Kind.STRING));
        wrongTypes(
                ORDERS,
                "product.stockReserved",
                false,
                "{\"orderId\":\"" + UUID + "\",\"idempotencyKey\":\"" + UUID
                        + "\",\"approved\":true,\"reason\":\"OUT_OF_STOCK\",\"items\":[" + line + "]}",
                Map.of(
                        "orderId",
                        Kind.STRING,
                        "idempotencyKey",
                        Kind.STRING,
                        "approved",
                        Kind.BOOLEAN,
                        "reason",
                        Kind.STRING,
                        "items",
                        Kind.LIST,
                        "items[0].quantity",
                        Kind.INT));
        for (String pattern : List.of("orders.create", "orders.get", "orders.cancel", "orders.list")) {
            notAnObject(ORDERS, pattern, true);
        }
        notAnObject(ORDERS, "product.stockReserved", false);
    }

    private void wrongTypesOnProductsQueue() {
        String line = "{\"productId\":\"" + UUID + "\",\"quantity\":1}";
        wrongTypes(
                PRODUCTS,
                "products.list",
                true,
                "{\"limit\":10,\"cursor\":\"" + UUID + "\"}",
                Map.of("limit", Kind.INT, "cursor", Kind.STRING));
        wrongTypes(PRODUCTS, "products.get", true, "{\"id\":\"" + UUID + "\"}", Map.of("id", Kind.STRING));
        wrongTypes(
                PRODUCTS,
                "products.create",
                true,
                "{\"name\":\"Lamp\",\"price\":9.99,\"stock\":3}",
                Map.of("name", Kind.STRING, "price", Kind.DECIMAL, "stock", Kind.INT));
        wrongTypes(
                PRODUCTS,
                "products.restock",
                true,
                "{\"id\":\"" + UUID + "\",\"set\":5}",
                Map.of("id", Kind.STRING, "set", Kind.INT));
        wrongTypes(PRODUCTS, "products.restock", true, "{\"id\":\"" + UUID + "\",\"add\":5}", Map.of("add", Kind.INT));
        wrongTypes(
                PRODUCTS,
                "product.reserveStock",
                false,
                "{\"orderId\":\"" + UUID + "\",\"idempotencyKey\":\"" + UUID + "\",\"items\":[" + line + "]}",
                Map.of(
                        "orderId",
                        Kind.STRING,
                        "idempotencyKey",
                        Kind.STRING,
                        "items",
                        Kind.LIST,
                        "items[0]",
                        Kind.OBJECT,
                        "items[0].productId",
                        Kind.STRING,
                        "items[0].quantity",
                        Kind.INT));
        wrongTypes(
                PRODUCTS,
                "product.releaseStock",
                false,
                "{\"orderId\":\"" + UUID + "\",\"reason\":\"CANCELLED\"}",
                Map.of("orderId", Kind.STRING, "reason", Kind.STRING));
        for (String pattern : List.of("products.list", "products.get", "products.create", "products.restock")) {
            notAnObject(PRODUCTS, pattern, true);
        }
        notAnObject(PRODUCTS, "product.reserveStock", false);
        notAnObject(PRODUCTS, "product.releaseStock", false);
    }

    /** The publisher keeps event data as it came, so only what it cannot keep at all is poison. */
    private void publisherEvents() {
        for (String pattern : List.of(
                "order.created", "order.confirmed", "order.rejected", "order.cancelled", "product.stockReserved")) {
            for (String data : List.of("[]", "\"x\"", "5", "true", "null")) {
                add(
                        WEBHOOKS,
                        pattern + "-data-" + data,
                        "{\"pattern\":\"" + pattern + "\",\"data\":" + data + "}",
                        "must be a JSON object");
            }
            add(WEBHOOKS, pattern + "-no-data", "{\"pattern\":\"" + pattern + "\"}", "must be a JSON object");
        }
        String event = "{\"pattern\":\"order.created\",\"data\":{\"id\":\"" + UUID + "\",\"status\":\"PENDING\"}}";
        all.add(new Poison(
                WEBHOOKS,
                "message-id-with-nul",
                utf8(event),
                new AMQP.BasicProperties.Builder()
                        .messageId("evt\u0000" + UUID)
                        .headers(Map.of(CASE_HEADER, "message-id-with-nul"))
                        .build(),
                "database refused",
                false));
        add(
                WEBHOOKS,
                "updated-at-beyond-any-calendar",
                "{\"pattern\":\"order.confirmed\",\"data\":{\"id\":\"" + UUID
                        + "\",\"updatedAt\":\"+999999999-12-31T23:59:59Z\"}}",
                "database refused");
        add(
                WEBHOOKS,
                "event-time-beyond-any-calendar",
                utf8("{\"pattern\":\"product.stockReserved\",\"data\":{" + "\"orderId\":\"" + UUID + "\"}}"),
                Map.of("x-event-time-ms", 9_000_000_000_000_000_000L),
                "database refused");
    }

    enum Kind {
        STRING("123", "true", "{}", "[]", "1.5"),
        INT("\"1\"", "1.5", "true", "{}", "[]", "99999999999", "1e400"),
        LONG("\"1\"", "1.5", "99999999999999999999", "{}"),
        BOOLEAN("\"true\"", "1", "{}"),
        DECIMAL("\"9.99\"", "true", "{}", "[]"),
        LIST("{}", "\"x\"", "1", "[\"x\"]", "[1]", "[[]]"),
        OBJECT("\"x\"", "1", "[]"),
        ENUM("\"BOGUS\"", "1", "{}");

        final List<String> wrong;

        Kind(String... wrong) {
            this.wrong = List.of(wrong);
        }
    }

    /** For each field, each wrong value in turn in an otherwise valid payload; the reason must name the field. */
    private void wrongTypes(String queue, String pattern, boolean request, String valid, Map<String, Kind> fields) {
        fields.forEach((path, kind) -> {
            for (String wrong : kind.wrong) {
                ObjectNode data = (ObjectNode) WireJson.mapper().readTree(valid);
                set(data, path, WireJson.mapper().readTree(wrong));
                // a list element of the wrong kind is reported at the element, not at the list
                String named = kind == Kind.LIST && wrong.startsWith("[") ? path + "[0]" : path;
                packet(queue, pattern + " " + path + "=" + wrong, pattern, request, data, "data." + named);
            }
        });
    }

    private void notAnObject(String queue, String pattern, boolean request) {
        for (String data : List.of("[]", "\"x\"", "5", "true")) {
            packet(
                    queue,
                    pattern + " data=" + data,
                    pattern,
                    request,
                    WireJson.mapper().readTree(data),
                    "data must be a JSON object");
        }
        packet(
                queue,
                pattern + " data=null",
                pattern,
                request,
                WireJson.mapper().nullNode(),
                "data is missing");
    }

    private void packet(String queue, String name, String pattern, boolean request, JsonNode data, String reason) {
        ObjectNode packet = WireJson.mapper().createObjectNode();
        packet.put("pattern", pattern);
        packet.set("data", data);
        if (request) {
            packet.put("id", "r" + all.size());
        }
        AMQP.BasicProperties.Builder props = new AMQP.BasicProperties.Builder().headers(Map.of(CASE_HEADER, name));
        if (request) {
            props.correlationId(name).replyTo(replyQueue);
        }
        all.add(new Poison(queue, name, WireJson.mapper().writeValueAsBytes(packet), props.build(), reason, request));
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        JsonNode parent = root;
        String[] steps = path.replace("[", ".[").split("\\.");
        for (int i = 0; i < steps.length - 1; i++) {
            parent = step(parent, steps[i]);
        }
        String last = steps[steps.length - 1];
        if (last.startsWith("[")) {
            ((ArrayNode) parent).set(index(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    private static JsonNode step(JsonNode node, String step) {
        return step.startsWith("[") ? node.get(index(step)) : node.get(step);
    }

    private static int index(String step) {
        return Integer.parseInt(step.substring(1, step.length() - 1));
    }

    private void add(String queue, String name, String body, String reason) {
        add(queue, name, utf8(body), Map.of(), reason);
    }

    private void add(String queue, String name, byte[] body, Map<String, Object> headers, String reason) {
        all.add(new Poison(queue, queue + " " + name, body, props(queue + " " + name, headers), reason, false));
    }

    private static AMQP.BasicProperties props(String name, Map<String, Object> headers) {
        Map<String, Object> all = new HashMap<>(headers);
        all.put(CASE_HEADER, name);
        return new AMQP.BasicProperties.Builder().headers(all).build();
    }

    /** {@code {"pattern":"orders.get","id":"x","data":[{},{},…]}} of 15 MB: millions of tiny objects. */
    private static byte[] fifteenMegabytesOfEmptyObjects() {
        StringBuilder body = new StringBuilder(15 * 1024 * 1024 + 64)
                .append("{\"pattern\":\"orders.get\",\"id\":\"x\",\"data\":[{}");
        while (body.length() < 15 * 1024 * 1024) {
            body.append(",{}");
        }
        return utf8(body.append("]}").toString());
    }

    private static byte[] twentyMegabytes(String pattern) {
        return utf8("{\"pattern\":\"" + pattern + "\",\"data\":{\"blob\":\"" + "z".repeat(20 * 1024 * 1024) + "\"}}");
    }

    private static String wideObject(int keys) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < keys; i++) {
            out.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        return out.toString();
    }

    private static byte[] bytes(String head, Object... rest) {
        List<Byte> out = new ArrayList<>();
        for (byte b : utf8(head)) {
            out.add(b);
        }
        for (Object part : rest) {
            if (part instanceof Integer i) {
                out.add((byte) (int) i);
            } else {
                for (byte b : utf8((String) part)) {
                    out.add(b);
                }
            }
        }
        byte[] array = new byte[out.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = out.get(i);
        }
        return array;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
