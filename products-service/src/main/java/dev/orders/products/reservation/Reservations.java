package dev.orders.products.reservation;

import java.util.Optional;

/** The reservations table: one row per order ever seen. */
public interface Reservations {

    Optional<Reservation> find(String orderId);

    /** Inserts unless a row for the order exists; false when it did. */
    boolean insertIfAbsent(Reservation reservation);

    /** Moves the row from {@code from} to {@code to}; false when it was not in {@code from}. */
    boolean transition(String orderId, Reservation.Status from, Reservation.Status to);
}
