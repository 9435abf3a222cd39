package dev.orders.products.reservation;

import dev.orders.contracts.OrderLine;
import java.util.List;

/** What happened to one order's request for stock. */
public record Reservation(String orderId, String idempotencyKey, Status status, String reason, List<OrderLine> items) {

    public enum Status {
        /** stock taken for every line */
        RESERVED,
        /** nothing taken */
        REJECTED,
        /** taken, then given back */
        RELEASED,
        /** the order ended before any reservation arrived; a late one is refused */
        VOIDED
    }

    public boolean approved() {
        return status == Status.RESERVED;
    }
}
