package dev.orders.gateway.order;

import dev.orders.contracts.CreateOrder;
import dev.orders.contracts.Customer;
import dev.orders.contracts.Limits;
import dev.orders.contracts.OrderLine;
import dev.orders.contracts.Validation;
import dev.orders.contracts.Violation;
import dev.orders.infra.web.JsonBody;
import dev.orders.infra.web.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code POST /orders}: the seed's {@code {"productId","quantity"}} or {@code {"items":[…]}}, and an optional
 * {@code customer}. A product may appear once per order: two lines for one product are refused, not merged, so the
 * stored order is exactly what the client sent.
 */
final class OrderBodyParser {

    private static final Set<String> TOP = Set.of("productId", "quantity", "items", "customer");
    private static final Set<String> LINE = Set.of("productId", "quantity");
    private static final Set<String> CUSTOMER = Set.of("name", "telegramChatId", "email", "locale");

    private OrderBodyParser() {}

    static CreateOrder read(JsonNode body, String idempotencyKey) {
        JsonBody r = new JsonBody();
        if (idempotencyKey != null) {
            Validation.idempotencyKey(idempotencyKey, "Idempotency-Key").forEach(v -> r.add(v.field(), v.message()));
        }
        if (!r.object(body, "")) {
            throw ProblemException.invalid(r.violations());
        }
        r.onlyFields(body, "", TOP);
        boolean single = body.has("productId") || body.has("quantity");
        boolean many = body.has("items");
        List<OrderLine> lines = new ArrayList<>();
        int expectedLines = 0;
        if (single && many) {
            r.add("items", "give either productId and quantity, or items, not both");
        } else if (many) {
            JsonNode items = body.get("items");
            if (!items.isArray()) {
                r.add("items", "must be an array of {productId, quantity}");
            } else if (items.isEmpty()) {
                r.add("items", "must contain at least one line");
            } else if (items.size() > Limits.MAX_ORDER_LINES) {
                r.add("items", "must contain at most " + Limits.MAX_ORDER_LINES + " lines");
            } else {
                expectedLines = items.size();
                for (int i = 0; i < items.size(); i++) {
                    line(r, items.get(i), "items[" + i + "]", lines);
                }
            }
        } else if (single) {
            expectedLines = 1;
            line(r, body, "", lines);
        } else {
            r.add("items", "is required (or productId and quantity)");
        }
        Customer customer = null;
        if (body.has("customer") && !body.get("customer").isNull()) {
            JsonNode c = body.get("customer");
            if (r.object(c, "customer")) {
                r.onlyFields(c, "customer", CUSTOMER);
                customer = new Customer(
                        r.string(c, "name", "customer", false),
                        r.longInteger(c, "telegramChatId", "customer"),
                        r.string(c, "email", "customer", false),
                        r.string(c, "locale", "customer", false));
            }
        }
        CreateOrder command = new CreateOrder(List.copyOf(lines), customer, idempotencyKey);
        if (lines.size() != expectedLines) {
            // some line had a type error: the line rules would only repeat it
            ProblemException.check(r.violations());
        }
        List<Violation> rules = Validation.createOrder(command).stream()
                .filter(v -> !v.field().equals("requestKey"))
                .map(v -> single ? new Violation(v.field().replaceFirst("^items\\[0]\\.", ""), v.message()) : v)
                .toList();
        r.checkWith(rules);
        return command;
    }

    private static void line(JsonBody r, JsonNode node, String path, List<OrderLine> into) {
        if (!r.object(node, path)) {
            return;
        }
        if (!path.isEmpty()) {
            r.onlyFields(node, path, LINE);
        }
        String productId = r.string(node, "productId", path, true);
        Integer quantity = r.integer(node, "quantity", path, true, Limits.MIN_QUANTITY, Limits.MAX_QUANTITY);
        if (productId != null && quantity != null) {
            into.add(new OrderLine(productId.toLowerCase(), quantity));
        }
    }
}
