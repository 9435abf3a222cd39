package dev.orders.products.product;

import dev.orders.contracts.ProductView;
import java.math.BigDecimal;

/** A product and its stock on hand. Money is kept in cents. */
public record Product(String id, String name, long priceCents, int stock) {

    public ProductView view() {
        return new ProductView(id, name, BigDecimal.valueOf(priceCents, 2), stock);
    }

    public static long cents(BigDecimal price) {
        return price.movePointRight(2).longValueExact();
    }
}
