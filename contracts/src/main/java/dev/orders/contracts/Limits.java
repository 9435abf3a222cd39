package dev.orders.contracts;

/** Input limits that the gateway and the services both enforce. */
public final class Limits {

    private Limits() {}

    public static final int MAX_ORDER_LINES = 100;
    public static final int MIN_QUANTITY = 1;
    public static final int MAX_QUANTITY = 10_000;
    public static final int MAX_PAGE_SIZE = 100;
    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PRODUCT_NAME_LENGTH = 200;
    public static final int MAX_STOCK = 1_000_000_000;
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;
    public static final int MAX_OWNER_ID_LENGTH = 200;
}
