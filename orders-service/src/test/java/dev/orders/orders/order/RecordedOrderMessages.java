package dev.orders.orders.order;

import dev.orders.contracts.OrderView;
import dev.orders.contracts.Patterns;
import dev.orders.contracts.ReleaseStock;
import dev.orders.contracts.ReserveStock;
import java.util.ArrayList;
import java.util.List;

/** The outbox as a list of what would be sent, by wire pattern; a rollback takes back what it held. */
final class RecordedOrderMessages implements OrderMessages, InMemoryTransactions.Store {

    record Sent(String pattern, Object data) {}

    final List<Sent> sent = new ArrayList<>();

    List<Object> data(String pattern) {
        return sent.stream()
                .filter(s -> s.pattern().equals(pattern))
                .map(Sent::data)
                .toList();
    }

    @Override
    public void changed(OrderView order) {
        sent.add(new Sent(OrderMessages.eventOf(order.status()), order));
    }

    @Override
    public void reserveStock(ReserveStock request) {
        sent.add(new Sent(Patterns.PRODUCT_RESERVE_STOCK, request));
    }

    @Override
    public void releaseStock(ReleaseStock request) {
        sent.add(new Sent(Patterns.PRODUCT_RELEASE_STOCK, request));
    }

    @Override
    public Runnable snapshot() {
        int size = sent.size();
        return () -> sent.subList(size, sent.size()).clear();
    }
}
