package dev.orders.products.reservation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The reservations table in a map: one row per order, moved by conditional updates. */
final class InMemoryReservations implements Reservations {

    private final Map<String, Reservation> rows = new LinkedHashMap<>();

    Supplier<Runnable> snapshots() {
        return () -> {
            Map<String, Reservation> copy = new LinkedHashMap<>(rows);
            return () -> {
                rows.clear();
                rows.putAll(copy);
            };
        };
    }

    @Override
    public Optional<Reservation> find(String orderId) {
        return Optional.ofNullable(rows.get(orderId));
    }

    @Override
    public boolean insertIfAbsent(Reservation reservation) {
        return rows.putIfAbsent(reservation.orderId(), reservation) == null;
    }

    @Override
    public boolean transition(String orderId, Reservation.Status from, Reservation.Status to) {
        Reservation r = rows.get(orderId);
        if (r == null || r.status() != from) {
            return false;
        }
        rows.put(orderId, new Reservation(r.orderId(), r.idempotencyKey(), to, r.reason(), r.items()));
        return true;
    }
}
