package dev.orders.products.product.persistence;

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

    JdbcProducts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Product> find(String id) {
        return jdbc.sql("SELECT id, name, price_cents, stock FROM products WHERE id = ?")
                .param(id)
                .query(ROW)
                .optional();
    }

    @Override
    public List<Product> page(String after, int limit) {
        return jdbc.sql("SELECT id, name, price_cents, stock FROM products WHERE id > ? ORDER BY id LIMIT ?")
                .params(after == null ? "" : after, limit)
                .query(ROW)
                .list();
    }

    @Override
    public void insert(Product p) {
        long now = System.currentTimeMillis();
        jdbc.sql(
                        "INSERT INTO products (id, name, price_cents, stock, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(p.id(), p.name(), p.priceCents(), p.stock(), now, now)
                .update();
    }

    @Override
    public boolean insertIfAbsent(Product p) {
        long now = System.currentTimeMillis();
        return jdbc.sql("""
                        INSERT INTO products (id, name, price_cents, stock, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""")
                        .params(p.id(), p.name(), p.priceCents(), p.stock(), now, now)
                        .update()
                == 1;
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
        return jdbc.sql("UPDATE products SET stock = ?, updated_at = ? WHERE id = ?")
                        .params(stock, System.currentTimeMillis(), id)
                        .update()
                == 1;
    }

    @Override
    public boolean addStock(String id, int delta) {
        return jdbc.sql("UPDATE products SET stock = stock + ?, updated_at = ? WHERE id = ? AND stock + ? >= 0")
                        .params(delta, System.currentTimeMillis(), id, delta)
                        .update()
                == 1;
    }

    @Override
    public boolean take(String id, int quantity) {
        return jdbc.sql("UPDATE products SET stock = stock - ?, updated_at = ? WHERE id = ? AND stock >= ?")
                        .params(quantity, System.currentTimeMillis(), id, quantity)
                        .update()
                == 1;
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
