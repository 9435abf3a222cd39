package dev.orders.products.product;

/** A restock that would leave less than nothing on hand. */
public final class StockBelowZero extends ProductException {

    public StockBelowZero(String id) {
        super("stock of " + id + " would go below zero");
    }
}
