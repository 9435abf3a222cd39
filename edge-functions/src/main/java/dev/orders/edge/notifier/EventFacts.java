package dev.orders.edge.notifier;

import dev.orders.contracts.Customer;
import dev.orders.contracts.Validation;
import dev.orders.contracts.Violation;
import dev.orders.edge.webhook.InvalidWebhook;
import dev.orders.edge.webhook.StandardWebhook;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What a message needs from an event's {@code data}: the order as in {@code order.*} events
 * ({@code {id, status, items, reason?, customer?, notifyCustomer}}), or the reservation of
 * {@code product.stockReserved} ({@code {orderId, approved, reason?, items}}). Lines may carry a product {@code name}
 * when the producer adds one.
 *
 * @param notifyCustomer whether whoever placed the order may have its customer messaged: only {@code true} on the
 *                       wire counts, so an event without it never messages a customer
 */
record EventFacts(
        String type,
        String orderId,
        String status,
        String reason,
        Boolean approved,
        List<Line> lines,
        Contact contact,
        boolean notifyCustomer) {

    static final String STOCK_RESERVED = "product.stockReserved";

    public EventFacts {
        lines = List.copyOf(lines);
    }

    public record Line(String productId, String name, long quantity) {}

    /** The order's optional contact; every field optional. */
    public record Contact(String name, Long telegramChatId, String email, String locale) {}

    /** @throws InvalidWebhook when an event type we know carries data we cannot read */
    public static EventFacts of(StandardWebhook webhook) throws InvalidWebhook {
        JsonNode data = webhook.data();
        List<Violation> violations = new ArrayList<>();
        String type = webhook.type();
        EventFacts facts;
        if (type.startsWith("order.")) {
            String id = requiredText(data, "id", violations);
            facts = new EventFacts(
                    type,
                    id,
                    optionalText(data, "status", violations),
                    optionalText(data, "reason", violations),
                    null,
                    lines(data, violations),
                    contact(data.get("customer"), violations),
                    consent(data.get("notifyCustomer")));
        } else if (type.equals(STOCK_RESERVED)) {
            String orderId = requiredText(data, "orderId", violations);
            JsonNode approved = data.get("approved");
            if (approved == null || !approved.isBoolean()) {
                violations.add(new Violation("data.approved", "is required, true or false"));
            }
            facts = new EventFacts(
                    type,
                    orderId,
                    null,
                    optionalText(data, "reason", violations),
                    approved != null && approved.isBoolean() ? approved.booleanValue() : null,
                    lines(data, violations),
                    null,
                    false);
        } else {
            facts = new EventFacts(type, webhook.orderId().orElse(null), null, null, null, List.of(), null, false);
        }
        if (!violations.isEmpty()) {
            throw new InvalidWebhook(
                    "The data of a " + type + " event is not what it should be; see errors.", violations);
        }
        return facts;
    }

    private static boolean consent(JsonNode notifyCustomer) {
        return notifyCustomer != null && notifyCustomer.isBoolean() && notifyCustomer.booleanValue();
    }

    private static String requiredText(JsonNode data, String field, List<Violation> violations) {
        JsonNode node = data.get(field);
        if (node == null
                || !node.isString()
                || node.asString().isBlank()
                || node.asString().length() > 100) {
            violations.add(new Violation("data." + field, "is required, a string of at most 100 characters"));
            return null;
        }
        return node.asString();
    }

    private static String optionalText(JsonNode data, String field, List<Violation> violations) {
        return optionalText(data, field, "data." + field, violations);
    }

    private static String optionalText(JsonNode data, String field, String path, List<Violation> violations) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString() || node.asString().length() > 500) {
            violations.add(new Violation(path, "must be a string of at most 500 characters"));
            return null;
        }
        return node.asString().isBlank() ? null : node.asString();
    }

    private static List<Line> lines(JsonNode data, List<Violation> violations) {
        JsonNode items = data.get("items");
        if (items == null || items.isNull()) {
            return List.of();
        }
        if (!items.isArray()) {
            violations.add(new Violation("data.items", "must be an array of {productId, quantity}"));
            return List.of();
        }
        List<Line> out = new ArrayList<>();
        int i = 0;
        for (JsonNode item : items.values()) {
            String at = "data.items[" + i++ + "]";
            if (!item.isObject()) {
                violations.add(new Violation(at, "must be an object {productId, quantity}"));
                continue;
            }
            JsonNode quantity = item.get("quantity");
            if (quantity == null || !quantity.isIntegralNumber() || !quantity.canConvertToLong()) {
                violations.add(new Violation(at + ".quantity", "is required, an integer"));
                continue;
            }
            String productId = optionalText(item, "productId", at + ".productId", violations);
            String name = optionalText(item, "name", at + ".name", violations);
            if (name == null) {
                name = optionalText(item, "productName", at + ".productName", violations);
            }
            out.add(new Line(productId, name, quantity.longValue()));
        }
        return out;
    }

    private static Contact contact(JsonNode customer, List<Violation> violations) {
        if (customer == null || customer.isNull()) {
            return null;
        }
        if (!customer.isObject()) {
            violations.add(new Violation("data.customer", "must be an object"));
            return null;
        }
        Long chat = null;
        JsonNode chatNode = customer.get("telegramChatId");
        if (chatNode != null && !chatNode.isNull()) {
            // a JavaScript producer may send a 64-bit id as a string to keep its digits
            if (chatNode.isIntegralNumber() && chatNode.canConvertToLong()) {
                chat = chatNode.longValue();
            } else if (chatNode.isString() && chatNode.asString().matches("^-?[0-9]{1,19}$")) {
                try {
                    chat = Long.parseLong(chatNode.asString());
                } catch (NumberFormatException ignored) {
                    // reported below
                }
            }
            if (chat == null) {
                violations.add(new Violation("data.customer.telegramChatId", "must be a 64-bit integer"));
            }
        }
        Contact contact = new Contact(
                optionalText(customer, "name", "data.customer.name", violations),
                chat,
                optionalText(customer, "email", "data.customer.email", violations),
                optionalText(customer, "locale", "data.customer.locale", violations));
        // the gateway's own rules for a contact, so what it accepts is what fits here
        violations.addAll(Validation.customer(
                new Customer(contact.name(), contact.telegramChatId(), contact.email(), contact.locale()),
                "data.customer"));
        return contact;
    }
}
