package dev.orders.contracts;

/** Message pattern names, as the seed's NestJS services named them. */
public final class Patterns {

    private Patterns() {}

    // requests to orders_queue
    public static final String ORDERS_CREATE = "orders.create";
    public static final String ORDERS_GET = "orders.get";
    public static final String ORDERS_LIST = "orders.list";
    public static final String ORDERS_CANCEL = "orders.cancel";

    // requests to products_queue
    public static final String PRODUCTS_LIST = "products.list";
    public static final String PRODUCTS_GET = "products.get";
    public static final String PRODUCTS_CREATE = "products.create";
    public static final String PRODUCTS_RESTOCK = "products.restock";

    // events between orders and products
    public static final String PRODUCT_RESERVE_STOCK = "product.reserveStock";
    public static final String PRODUCT_STOCK_RESERVED = "product.stockReserved";
    public static final String PRODUCT_RELEASE_STOCK = "product.releaseStock";
    public static final String PRODUCT_STOCK_RELEASED = "product.stockReleased";

    // order lifecycle events, published to the events exchange with routing key = pattern
    public static final String ORDER_CREATED = "order.created";
    public static final String ORDER_CONFIRMED = "order.confirmed";
    public static final String ORDER_REJECTED = "order.rejected";
    public static final String ORDER_CANCELLED = "order.cancelled";
    public static final String ORDER_UPDATED = "order.updated";
}
