package dev.orders.edge.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Event data as the platform publishes it, with fresh ids so tests sharing one app keep apart. */
public final class Events {

    private Events() {}

    public static String newOrderId() {
        return UUID.randomUUID().toString();
    }

    public static long newChatId() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000_000L);
    }

    /** An order as {@code order.*} events carry it, placed by a caller allowed to notify its customer. */
    public static Map<String, Object> order(
            String id, String status, List<Map<String, Object>> items, Map<String, Object> customer) {
        Map<String, Object> order = orderWithoutConsent(id, status, items, customer);
        order.put("notifyCustomer", true);
        return order;
    }

    /** An order whose caller was not allowed to notify its customer. */
    public static Map<String, Object> orderWithoutConsent(
            String id, String status, List<Map<String, Object>> items, Map<String, Object> customer) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", id);
        order.put("status", status);
        order.put("items", items);
        if (customer != null) {
            order.put("customer", customer);
        }
        order.put("createdAt", "2025-11-27T00:00:00Z");
        order.put("updatedAt", "2025-11-27T00:00:01Z");
        order.put("ownerId", "apikey:shop");
        order.put("notifyCustomer", false);
        return order;
    }

    public static Map<String, Object> line(String productId, int quantity) {
        return Map.of("productId", productId, "quantity", quantity);
    }

    public static Map<String, Object> namedLine(String productId, String name, int quantity) {
        return Map.of("productId", productId, "name", name, "quantity", quantity);
    }

    public static Map<String, Object> telegramCustomer(long chatId, String locale) {
        return Map.of("name", "Ana", "telegramChatId", chatId, "locale", locale);
    }
}
