package dev.orders.products.product.persistence;

import dev.orders.infra.persistence.TableRows;
import dev.orders.products.product.Product;
import dev.orders.products.product.Products;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class JdbcProducts implements Products {

    private static final RowMapper<Product> ROW = (rs, n) ->
            new Product(rs.getString("id"), rs.getString("name"), rs.getLong("price_cents"), rs.getInt("stock"));

    private final JdbcClient jdbc;
    private final TableRows<Product> rows;

    JdbcProducts(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.rows = new TableRows<>(jdbc, "products", "id, name, price_cents, stock, created_at, updated_at", ROW);
    }

    @Override
    public Optional<Product> find(String id) {
        return rows.find("id = ?", id);
    }

    @Override
    public List<Product> page(String after, int limit) {
        return rows.list("id > ? ORDER BY id LIMIT ?", after == null ? "" : after, limit);
    }

    @Override
    public void insert(Product p) {
        long now = System.currentTimeMillis();
        rows.insert(p.id(), p.name(), p.priceCents(), p.stock(), now, now);
    }

    @Override
    public boolean insertIfAbsent(Product p) {
        long now = System.currentTimeMillis();
        return rows.insertIfAbsent("id", p.id(), p.name(), p.priceCents(), p.stock(), now, now);
    }

    @Override
    public boolean isEmpty() {
        return jdbc.sql("SELECT COUNT(*) FROM (SELECT 1 FROM products LIMIT 1) t")
                        .query(Integer.class)
                        .single()
                == 0;
    }

    @Override
    public boolean setStock(String id, int stock) {
        return rows.updateOne("stock = ?, updated_at = ? WHERE id = ?", stock, System.currentTimeMillis(), id);
    }

    @Override
    public boolean addStock(String id, int delta) {
        return rows.updateOne(
                "stock = stock + ?, updated_at = ? WHERE id = ? AND stock + ? >= 0",
                delta,
                System.currentTimeMillis(),
                id,
                delta);
    }

    @Override
    public boolean take(String id, int quantity) {
        return rows.updateOne(
                "stock = stock - ?, updated_at = ? WHERE id = ? AND stock >= ?",
                quantity,
                System.currentTimeMillis(),
                id,
                quantity);
    }

    @Override
    public boolean exists(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM products WHERE id = ?")
                        .param(id)
                        .query(Integer.class)
                        .single()
                > 0;
    }
}
