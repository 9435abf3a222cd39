package dev.orders.products.product;

import dev.orders.contracts.CreateProduct;
import dev.orders.contracts.InvalidRequest;
import dev.orders.contracts.Limits;
import dev.orders.contracts.ListProducts;
import dev.orders.contracts.Page;
import dev.orders.contracts.ProductView;
import dev.orders.contracts.RestockProduct;
import dev.orders.contracts.Validation;
import dev.orders.infra.ids.Ids;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/** Product administration and lookup. */
@Service
public class Catalogue {

    private final Products products;
    private final TransactionOperations tx;

    Catalogue(Products products, TransactionOperations tx) {
        this.products = products;
        this.tx = tx;
    }

    public ProductView get(String id) {
        if (!Validation.isUuid(id)) {
            throw new InvalidRequest("id", "must be a UUID");
        }
        return products.find(id).map(Product::view).orElseThrow(() -> new ProductNotFound(id));
    }

    public Page<ProductView> list(ListProducts query) {
        InvalidRequest.check(Validation.pageLimit(query.limit(), "limit"));
        if (query.cursor() != null && !Validation.isUuid(query.cursor())) {
            throw new InvalidRequest("cursor", "is not a cursor from a previous page");
        }
        int limit = query.limit() == null ? Limits.DEFAULT_PAGE_SIZE : query.limit();
        return Page.ofOneExtra(products.page(query.cursor(), limit + 1), limit, Product::id, Product::view);
    }

    public ProductView create(CreateProduct command) {
        InvalidRequest.check(Validation.createProduct(command));
        Product product =
                new Product(Ids.newId(), command.name().strip(), Product.cents(command.price()), command.stock());
        tx.executeWithoutResult(s -> products.insert(product));
        return product.view();
    }

    public ProductView restock(RestockProduct command) {
        InvalidRequest.check(Validation.restock(command));
        return tx.execute(s -> {
            boolean applied = command.set() != null
                    ? products.setStock(command.id(), command.set())
                    : products.addStock(command.id(), command.add());
            if (!applied) {
                if (!products.exists(command.id())) {
                    throw new ProductNotFound(command.id());
                }
                throw new StockBelowZero(command.id());
            }
            return products.find(command.id()).orElseThrow().view();
        });
    }
}
