package dev.orders.products.product.messaging;

import org.springframework.stereotype.Component;
import dev.orders.contracts.CreateProduct;
import dev.orders.contracts.GetProduct;
import dev.orders.contracts.ListProducts;
import dev.orders.contracts.Page;
import dev.orders.contracts.Patterns;
import dev.orders.contracts.ProductView;
import dev.orders.contracts.RestockProduct;
import dev.orders.infra.messaging.MessagePattern;
import dev.orders.products.product.Catalogue;

/** Requests on {@code products_queue}. */
@Component
class ProductRequestListener {

    private final Catalogue catalogue;

    ProductRequestListener(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @MessagePattern(Patterns.PRODUCTS_LIST)
    Page<ProductView> list(ListProducts query) {
        return catalogue.list(query);
    }

    @MessagePattern(Patterns.PRODUCTS_GET)
    ProductView get(GetProduct query) {
        return catalogue.get(query.id());
    }

    @MessagePattern(Patterns.PRODUCTS_CREATE)
    ProductView create(CreateProduct command) {
        return catalogue.create(command);
    }

    @MessagePattern(Patterns.PRODUCTS_RESTOCK)
    ProductView restock(RestockProduct command) {
        return catalogue.restock(command);
    }
}
