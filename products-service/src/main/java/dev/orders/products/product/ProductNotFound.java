package dev.orders.products.product;

/** No product with that id. */
public final class ProductNotFound extends ProductException {

    public ProductNotFound(String id) {
        super("product " + id + " not found");
    }
}
