package dev.orders.contracts;

/** Reasons carried by a rejected reservation or order. */
public final class RejectionReasons {

    private RejectionReasons() {}

    public static final String OUT_OF_STOCK = "OUT_OF_STOCK";
    public static final String PRODUCT_NOT_FOUND = "PRODUCT_NOT_FOUND";
    public static final String EXPIRED = "EXPIRED";
    public static final String CANCELLED = "CANCELLED";
}
