package dev.orders.orders.order;

import dev.orders.contracts.CreateOrder;
import dev.orders.contracts.OrderLine;
import dev.orders.contracts.OrderView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The order use cases over in-memory ports and a clock that moves only when told. */
final class OrderFixture {

    static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    static final String PRODUCT = "00000000-0000-4000-8000-000000000001";
    static final String OTHER_PRODUCT = "00000000-0000-4000-8000-000000000002";
    static final Duration PENDING_TIMEOUT = Duration.ofSeconds(30);

    final TestClock clock = new TestClock(START);
    final InMemoryOrders orders = new InMemoryOrders();
    final RecordedOrderMessages messages = new RecordedOrderMessages();
    final InMemoryTransactions tx = new InMemoryTransactions(orders, messages);
    final OrderSettings settings;
    final OrderPlacement placement;
    final OrderDecisions decisions;
    final OrderEndings endings;
    final OrderQueries queries;
    final OrderExpiry expiry;

    OrderFixture() {
        this(500);
    }

    OrderFixture(int expiryBatchSize) {
        settings = new OrderSettings("products_queue", PENDING_TIMEOUT, Duration.ofSeconds(5), expiryBatchSize, "amqp");
        placement = new OrderPlacement(orders, messages, tx, clock, settings);
        decisions = new OrderDecisions(orders, messages, tx, clock);
        endings = new OrderEndings(orders, messages, tx, clock);
        queries = new OrderQueries(orders);
        expiry = new OrderExpiry(endings, clock, settings);
    }

    static CreateOrder order(String owner, OrderLine... lines) {
        return new CreateOrder(List.of(lines), null, null, owner, true);
    }

    /** A PENDING order of {@code owner}, with the messages its placement sent forgotten. */
    OrderView placed(String owner) {
        OrderView view = placement.place(order(owner, new OrderLine(PRODUCT, 1)), null);
        messages.sent.clear();
        return view;
    }

    String idempotencyKeyOf(String orderId) {
        return orders.get(orderId).idempotencyKey();
    }
}
