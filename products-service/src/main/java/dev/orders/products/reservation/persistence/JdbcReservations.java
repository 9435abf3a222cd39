package dev.orders.products.reservation.persistence;

import dev.orders.contracts.OrderLine;
import dev.orders.infra.json.WireJson;
import dev.orders.infra.persistence.TableRows;
import dev.orders.products.reservation.Reservation;
import dev.orders.products.reservation.Reservations;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

@Component
class JdbcReservations implements Reservations {

    private static final TypeReference<List<OrderLine>> LINES = new TypeReference<>() {};
    private static final RowMapper<Reservation> ROW = (rs, n) -> new Reservation(
            rs.getString("order_id"),
            rs.getString("idempotency_key"),
            Reservation.Status.valueOf(rs.getString("status")),
            rs.getString("reason"),
            WireJson.mapper().readValue(rs.getString("items"), LINES));

    private final TableRows<Reservation> rows;

    JdbcReservations(JdbcClient jdbc) {
        this.rows = new TableRows<>(
                jdbc, "reservations", "order_id, idempotency_key, status, reason, items, created_at, updated_at", ROW);
    }

    @Override
    public Optional<Reservation> find(String orderId) {
        return rows.find("order_id = ?", orderId);
    }

    @Override
    public boolean insertIfAbsent(Reservation r) {
        long now = System.currentTimeMillis();
        return rows.insertIfAbsent(
                "order_id",
                r.orderId(),
                r.idempotencyKey(),
                r.status().name(),
                r.reason(),
                WireJson.mapper().writeValueAsString(r.items()),
                now,
                now);
    }

    @Override
    public boolean transition(String orderId, Reservation.Status from, Reservation.Status to) {
        return rows.updateOne(
                "status = ?, updated_at = ? WHERE order_id = ? AND status = ?",
                to.name(),
                System.currentTimeMillis(),
                orderId,
                from.name());
    }
}
