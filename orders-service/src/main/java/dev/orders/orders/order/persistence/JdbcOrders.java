package dev.orders.orders.order.persistence;

import dev.orders.contracts.Customer;
import dev.orders.contracts.OrderLine;
import dev.orders.contracts.OrderStatus;
import dev.orders.infra.json.WireJson;
import dev.orders.infra.persistence.NewestFirst;
import dev.orders.infra.persistence.SqlDialect;
import dev.orders.infra.persistence.TableRows;
import dev.orders.orders.order.Order;
import dev.orders.orders.order.Orders;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Component
class JdbcOrders implements Orders {

    private static final JsonMapper JSON = WireJson.mapper();
    private static final TypeReference<List<OrderLine>> LINES = new TypeReference<>() {};
    private static final String COLUMNS =
            "id, idempotency_key, request_key, request_hash, status, reason, items, customer, created_at, updated_at, "
                    + "owner_id, notify_customer";
    private static final RowMapper<Order> ROW = (rs, n) -> {
        String customer = rs.getString("customer");
        return new Order(
                rs.getString("id"),
                rs.getString("idempotency_key"),
                rs.getString("request_key"),
                rs.getString("request_hash"),
                OrderStatus.valueOf(rs.getString("status")),
                rs.getString("reason"),
                JSON.readValue(rs.getString("items"), LINES),
                customer == null ? null : JSON.readValue(customer, Customer.class),
                rs.getLong("created_at"),
                rs.getLong("updated_at"),
                rs.getString("owner_id"),
                rs.getBoolean("notify_customer"));
    };

    private final JdbcClient jdbc;
    private final SqlDialect dialect;
    private final TableRows<Order> rows;

    JdbcOrders(JdbcClient jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.rows = new TableRows<>(jdbc, "orders", COLUMNS, ROW);
    }

    @Override
    public void insert(Order o) {
        rows.insert(
                o.id(),
                o.idempotencyKey(),
                o.requestKey(),
                o.requestHash(),
                o.status().name(),
                o.reason(),
                JSON.writeValueAsString(o.items()),
                o.customer() == null ? null : JSON.writeValueAsString(o.customer()),
                o.createdAt(),
                o.updatedAt(),
                o.ownerId(),
                o.notifyCustomer());
    }

    @Override
    public Optional<Order> find(String id) {
        return rows.find("id = ?", id);
    }

    @Override
    public Optional<Order> findByRequestKey(String requestKey) {
        return rows.find("request_key = ?", requestKey);
    }

    @Override
    public List<Order> page(OrderStatus status, String ownerId, String before, int limit) {
        return NewestFirst.select(COLUMNS, "orders")
                .where("status = ?", status, Enum::name)
                .where("owner_id = ?", ownerId)
                .page(jdbc, before, limit, ROW);
    }

    @Override
    public List<Order> rejectPendingCreatedBefore(long createdBefore, String reason, long at, int limit) {
        // PostgreSQL: rows another transaction is deciding (or another instance sweeping) are skipped, not waited for
        return jdbc.sql("UPDATE orders SET status = 'REJECTED', reason = ?, updated_at = ?"
                        + " WHERE status = 'PENDING' AND id IN (SELECT id FROM orders"
                        + " WHERE status = 'PENDING' AND created_at < ? ORDER BY created_at LIMIT ?"
                        + dialect.skipLocked() + ") RETURNING " + COLUMNS)
                .params(reason, at, createdBefore, limit)
                .query(ROW)
                .list();
    }

    @Override
    public boolean transition(String id, OrderStatus from, OrderStatus to, String reason, long at) {
        return jdbc.sql("UPDATE orders SET status = ?, reason = ?, updated_at = ? WHERE id = ? AND status = ?")
                        .params(to.name(), reason, at, id, from.name())
                        .update()
                == 1;
    }
}
