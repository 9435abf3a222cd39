package dev.orders.products.product.messaging;

import dev.orders.contracts.CreateProduct;
import dev.orders.contracts.ErrorCodes;
import dev.orders.contracts.GetProduct;
import dev.orders.contracts.InvalidRequest;
import dev.orders.contracts.ListProducts;
import dev.orders.contracts.Page;
import dev.orders.contracts.Patterns;
import dev.orders.contracts.ProductView;
import dev.orders.contracts.RestockProduct;
import dev.orders.infra.messaging.InvalidMessageException;
import dev.orders.infra.messaging.MessagePattern;
import dev.orders.infra.messaging.RpcException;
import dev.orders.products.product.Catalogue;
import dev.orders.products.product.ProductException;
import dev.orders.products.product.ProductNotFound;
import dev.orders.products.product.StockBelowZero;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** Requests on {@code products_queue}; the catalogue's refusals answered as error replies. */
@Component
class ProductRequestListener {

    private final Catalogue catalogue;

    ProductRequestListener(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @MessagePattern(Patterns.PRODUCTS_LIST)
    Page<ProductView> list(ListProducts query) {
        return translated(() -> catalogue.list(query));
    }

    @MessagePattern(Patterns.PRODUCTS_GET)
    ProductView get(GetProduct query) {
        return translated(() -> catalogue.get(query.id()));
    }

    @MessagePattern(Patterns.PRODUCTS_CREATE)
    ProductView create(CreateProduct command) {
        return translated(() -> catalogue.create(command));
    }

    @MessagePattern(Patterns.PRODUCTS_RESTOCK)
    ProductView restock(RestockProduct command) {
        return translated(() -> catalogue.restock(command));
    }

    private static <T> T translated(Supplier<T> useCase) {
        try {
            return useCase.get();
        } catch (InvalidRequest invalid) {
            throw new InvalidMessageException(invalid.violations());
        } catch (ProductException e) {
            throw switch (e) {
                case ProductNotFound notFound -> new RpcException(ErrorCodes.NOT_FOUND, notFound.getMessage());
                case StockBelowZero conflict -> new RpcException(ErrorCodes.CONFLICT, conflict.getMessage());
            };
        }
    }
}
