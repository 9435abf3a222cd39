package dev.orders.products.reservation;

import dev.orders.contracts.ReservationOutcome;
import dev.orders.contracts.StockReleased;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The outbox as a list of what would be sent; a rollback takes back what it held. */
final class RecordedStockMessages implements StockMessages {

    final List<Object> sent = new ArrayList<>();

    Supplier<Runnable> snapshots() {
        return () -> {
            int size = sent.size();
            return () -> sent.subList(size, sent.size()).clear();
        };
    }

    @Override
    public void reservationDecided(ReservationOutcome outcome) {
        sent.add(outcome);
    }

    @Override
    public void released(StockReleased release) {
        sent.add(release);
    }
}
