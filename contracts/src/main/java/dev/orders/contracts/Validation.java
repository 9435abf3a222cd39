package dev.orders.contracts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The semantic rules of the contract, written once: the gateway runs them before sending, the services run them on
 * whatever arrives from the queue (a NestJS client does not go through the gateway). Type errors (a string where a
 * number belongs) are the JSON reader's business; these rules see records.
 */
public final class Validation {

    private static final Pattern UUID =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
    private static final Pattern LOCALE = Pattern.compile("^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?$");
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("^[\\x21-\\x7E]+$");

    private Validation() {}

    public static boolean isUuid(String value) {
        return value != null && UUID.matcher(value).matches();
    }

    public static List<Violation> orderLines(List<OrderLine> items, String path) {
        List<Violation> out = new ArrayList<>();
        if (items == null || items.isEmpty()) {
            out.add(new Violation(path, "must contain at least one line"));
            return out;
        }
        if (items.size() > Limits.MAX_ORDER_LINES) {
            out.add(new Violation(path, "must contain at most " + Limits.MAX_ORDER_LINES + " lines"));
            return out;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            OrderLine line = items.get(i);
            String at = path + "[" + i + "]";
            if (line == null) {
                out.add(new Violation(at, "must be an object"));
                continue;
            }
            if (line.productId() == null) {
                out.add(new Violation(at + ".productId", "is required"));
            } else if (!isUuid(line.productId())) {
                out.add(new Violation(at + ".productId", "must be a UUID"));
            } else if (!seen.add(line.productId().toLowerCase())) {
                out.add(new Violation(at + ".productId", "appears more than once; put the whole quantity on one line"));
            }
            if (line.quantity() < Limits.MIN_QUANTITY || line.quantity() > Limits.MAX_QUANTITY) {
                out.add(new Violation(
                        at + ".quantity",
                        "must be an integer from " + Limits.MIN_QUANTITY + " to " + Limits.MAX_QUANTITY));
            }
        }
        return out;
    }

    /**
     * Why {@code value} cannot be kept and passed on as one line of text, or null when it can: a control character
     * (U+0000–U+001F, U+007F–U+009F: PostgreSQL cannot store U+0000, and a line break in a name breaks every
     * message it is put in), or half of a surrogate pair (not Unicode, so it has no UTF-8 encoding). The gateway,
     * the services and the edge functions all apply this rule, so what one accepts the others accept.
     */
    public static String lineTextProblem(String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                return "must not contain control characters (U+0000 to U+001F, U+007F to U+009F); found U+"
                        + String.format("%04X", (int) c) + " at position " + i;
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode text; position " + i + " holds half of a surrogate pair";
            }
        }
        return null;
    }

    public static List<Violation> customer(Customer customer, String path) {
        List<Violation> out = new ArrayList<>();
        if (customer == null) {
            return out;
        }
        String nameProblem = lineTextProblem(customer.name());
        if (nameProblem != null) {
            out.add(new Violation(path + ".name", nameProblem));
        } else if (customer.name() != null && customer.name().length() > 200) {
            out.add(new Violation(path + ".name", "must be at most 200 characters"));
        }
        String emailProblem = lineTextProblem(customer.email());
        if (emailProblem != null) {
            out.add(new Violation(path + ".email", emailProblem));
        } else if (customer.email() != null
                && (customer.email().length() > 254
                        || !EMAIL.matcher(customer.email()).matches())) {
            out.add(new Violation(path + ".email", "must be an e-mail address"));
        }
        String localeProblem = lineTextProblem(customer.locale());
        if (localeProblem != null) {
            out.add(new Violation(path + ".locale", localeProblem));
        } else if (customer.locale() != null
                && !LOCALE.matcher(customer.locale()).matches()) {
            out.add(new Violation(path + ".locale", "must be a language tag such as es or en-GB"));
        }
        return out;
    }

    public static List<Violation> createOrder(CreateOrder order) {
        List<Violation> out = new ArrayList<>(orderLines(order.items(), "items"));
        out.addAll(customer(order.customer(), "customer"));
        if (order.requestKey() != null) {
            out.addAll(idempotencyKey(order.requestKey(), "requestKey"));
        }
        if (order.ownerId() != null) {
            out.addAll(ownerId(order.ownerId(), "ownerId"));
        }
        return out;
    }

    /** An owner id is a caller's identity as the gateway saw it: any text without control characters. */
    public static List<Violation> ownerId(String ownerId, String field) {
        if (ownerId.isBlank()
                || ownerId.length() > Limits.MAX_OWNER_ID_LENGTH
                || ownerId.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            return List.of(new Violation(
                    field, "must be 1 to " + Limits.MAX_OWNER_ID_LENGTH + " characters without control characters"));
        }
        return List.of();
    }

    public static List<Violation> idempotencyKey(String key, String field) {
        if (key.isEmpty()
                || key.length() > Limits.MAX_IDEMPOTENCY_KEY_LENGTH
                || !PRINTABLE_ASCII.matcher(key).matches()) {
            return List.of(new Violation(
                    field,
                    "must be 1 to " + Limits.MAX_IDEMPOTENCY_KEY_LENGTH
                            + " printable ASCII characters without spaces"));
        }
        return List.of();
    }

    public static List<Violation> createProduct(CreateProduct product) {
        List<Violation> out = new ArrayList<>();
        String nameProblem = lineTextProblem(product.name());
        if (product.name() == null || product.name().isBlank()) {
            out.add(new Violation("name", "is required"));
        } else if (nameProblem != null) {
            out.add(new Violation("name", nameProblem));
        } else if (product.name().length() > Limits.MAX_PRODUCT_NAME_LENGTH) {
            out.add(new Violation("name", "must be at most " + Limits.MAX_PRODUCT_NAME_LENGTH + " characters"));
        }
        out.addAll(price(product.price(), "price"));
        if (product.stock() == null) {
            out.add(new Violation("stock", "is required"));
        } else if (product.stock() < 0 || product.stock() > Limits.MAX_STOCK) {
            out.add(new Violation("stock", "must be an integer from 0 to " + Limits.MAX_STOCK));
        }
        return out;
    }

    public static List<Violation> price(BigDecimal price, String field) {
        if (price == null) {
            return List.of(new Violation(field, "is required"));
        }
        if (price.signum() < 0 || price.compareTo(new BigDecimal("100000000")) >= 0) {
            return List.of(new Violation(field, "must be from 0 to 99999999.99"));
        }
        if (price.stripTrailingZeros().scale() > 2) {
            return List.of(new Violation(field, "must have at most two decimals"));
        }
        return List.of();
    }

    public static List<Violation> restock(RestockProduct restock) {
        List<Violation> out = new ArrayList<>();
        if (!isUuid(restock.id())) {
            out.add(new Violation("id", "must be a UUID"));
        }
        if ((restock.set() == null) == (restock.add() == null)) {
            out.add(new Violation("set", "give exactly one of set or add"));
        } else if (restock.set() != null && (restock.set() < 0 || restock.set() > Limits.MAX_STOCK)) {
            out.add(new Violation("set", "must be an integer from 0 to " + Limits.MAX_STOCK));
        } else if (restock.add() != null && (restock.add() == 0 || Math.abs((long) restock.add()) > Limits.MAX_STOCK)) {
            out.add(new Violation(
                    "add", "must be a non-zero integer from -" + Limits.MAX_STOCK + " to " + Limits.MAX_STOCK));
        }
        return out;
    }

    public static List<Violation> pageLimit(Integer limit, String field) {
        if (limit != null && (limit < 1 || limit > Limits.MAX_PAGE_SIZE)) {
            return List.of(new Violation(field, "must be from 1 to " + Limits.MAX_PAGE_SIZE));
        }
        return List.of();
    }
}
