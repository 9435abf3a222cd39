package dev.orders.products.product;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/** The products table in a map, with its conditional stock updates; stock never goes below zero. */
public final class InMemoryProducts implements Products {

    private final TreeMap<String, Product> rows = new TreeMap<>();

    public int stockOf(String id) {
        return rows.get(id).stock();
    }

    /** What puts the table back as it is now, as a rollback would. */
    public Supplier<Runnable> snapshots() {
        return () -> {
            TreeMap<String, Product> copy = new TreeMap<>(rows);
            return () -> {
                rows.clear();
                rows.putAll(copy);
            };
        };
    }

    @Override
    public Optional<Product> find(String id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public List<Product> page(String after, int limit) {
        return (after == null ? rows : rows.tailMap(after, false))
                .values().stream().limit(limit).toList();
    }

    @Override
    public void insert(Product product) {
        if (!insertIfAbsent(product)) {
            throw new IllegalStateException("duplicate product " + product.id());
        }
    }

    @Override
    public boolean insertIfAbsent(Product product) {
        return rows.putIfAbsent(product.id(), product) == null;
    }

    @Override
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    @Override
    public boolean setStock(String id, int stock) {
        Product p = rows.get(id);
        if (p == null) {
            return false;
        }
        rows.put(id, new Product(id, p.name(), p.priceCents(), stock));
        return true;
    }

    @Override
    public boolean addStock(String id, int delta) {
        Product p = rows.get(id);
        if (p == null || p.stock() + delta < 0) {
            return false;
        }
        rows.put(id, new Product(id, p.name(), p.priceCents(), p.stock() + delta));
        return true;
    }

    @Override
    public boolean take(String id, int quantity) {
        return addStock(id, -quantity);
    }

    @Override
    public boolean exists(String id) {
        return rows.containsKey(id);
    }
}
