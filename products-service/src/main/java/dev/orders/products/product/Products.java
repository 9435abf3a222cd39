package dev.orders.products.product;

import java.util.List;
import java.util.Optional;

/** The product table. Stock changes are conditional updates, never read-modify-write. */
public interface Products {

    Optional<Product> find(String id);

    /** Products with id greater than {@code after} (null for the first page), by id. */
    List<Product> page(String after, int limit);

    void insert(Product product);

    boolean insertIfAbsent(Product product);

    boolean isEmpty();

    /** Sets the stock; false when there is no such product. */
    boolean setStock(String id, int stock);

    /** Adds {@code delta} (may be negative) unless the result would be below zero; false when it was not applied. */
    boolean addStock(String id, int delta);

    /** Takes {@code quantity} when at least that much is on hand; false otherwise (or no such product). */
    boolean take(String id, int quantity);

    boolean exists(String id);
}
