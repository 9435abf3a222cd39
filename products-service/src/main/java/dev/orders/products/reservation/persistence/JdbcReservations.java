package dev.orders.products.reservation.persistence;

import dev.orders.contracts.OrderLine;
import dev.orders.infra.json.WireJson;
import dev.orders.products.reservation.Reservation;
import dev.orders.products.reservation.Reservations;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

@Component
class JdbcReservations implements Reservations {

    private static final TypeReference<List<OrderLine>> LINES = new TypeReference<>() {};

    private final JdbcClient jdbc;

    JdbcReservations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Reservation> find(String orderId) {
        return jdbc.sql("SELECT order_id, idempotency_key, status, reason, items FROM reservations WHERE order_id = ?")
                .param(orderId)
                .query((rs, n) -> new Reservation(
                        rs.getString("order_id"),
                        rs.getString("idempotency_key"),
                        Reservation.Status.valueOf(rs.getString("status")),
                        rs.getString("reason"),
                        WireJson.mapper().readValue(rs.getString("items"), LINES)))
                .optional();
    }

    @Override
    public boolean insertIfAbsent(Reservation r) {
        long now = System.currentTimeMillis();
        return jdbc.sql("""
                        INSERT INTO reservations (order_id, idempotency_key, status, reason, items, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (order_id) DO NOTHING""")
                        .params(
                                r.orderId(),
                                r.idempotencyKey(),
                                r.status().name(),
                                r.reason(),
                                WireJson.mapper().writeValueAsString(r.items()),
                                now,
                                now)
                        .update()
                == 1;
    }

    @Override
    public boolean transition(String orderId, Reservation.Status from, Reservation.Status to) {
        return jdbc.sql("UPDATE reservations SET status = ?, updated_at = ? WHERE order_id = ? AND status = ?")
                        .params(to.name(), System.currentTimeMillis(), orderId, from.name())
                        .update()
                == 1;
    }
}
