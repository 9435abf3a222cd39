package dev.orders.orders.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.contracts.InvalidRequest;
import dev.orders.contracts.ListOrders;
import dev.orders.contracts.OrderStatus;
import dev.orders.contracts.OrderView;
import dev.orders.contracts.Page;
import dev.orders.contracts.Violation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OrderQueriesTest {

    final OrderFixture world = new OrderFixture();

    @Test
    void anOwnerSeesTheirOrderAndAnAdminSeesAnyOrder() {
        OrderView order = world.placed("alice");

        assertThat(world.queries.get(order.id(), "alice")).isEqualTo(order);
        assertThat(world.queries.get(order.id().toUpperCase(), null)).isEqualTo(order);
        assertThatThrownBy(() -> world.queries.get(order.id(), "bob"))
                .isInstanceOf(OrderNotFound.class)
                .hasMessage("order " + order.id() + " not found");
    }

    @Test
    void refusesAnIdThatIsNotAUuid() {
        assertThatThrownBy(() -> world.queries.get("nope", null))
                .isInstanceOfSatisfying(
                        InvalidRequest.class,
                        e -> assertThat(e.violations()).containsExactly(new Violation("id", "must be a UUID")));
    }

    @Test
    void listsNewestFirstPageByPage() {
        OrderView first = world.placed("alice");
        world.clock.advance(Duration.ofMillis(1));
        OrderView second = world.placed("alice");
        world.clock.advance(Duration.ofMillis(1));
        OrderView third = world.placed("alice");

        Page<OrderView> page = world.queries.list(new ListOrders(null, 2, null));
        Page<OrderView> rest = world.queries.list(new ListOrders(null, 2, page.nextCursor()));

        assertThat(page.items()).containsExactly(third, second);
        assertThat(rest.items()).containsExactly(first);
        assertThat(rest.nextCursor()).isNull();
    }

    @Test
    void listsOneOwnersOrdersOfOneStatus() {
        OrderView alices = world.placed("alice");
        world.placed("bob");
        OrderView cancelled = world.placed("alice");
        world.endings.cancel(cancelled.id(), null);

        assertThat(world.queries
                        .list(new ListOrders(OrderStatus.PENDING, null, null, "alice"))
                        .items())
                .containsExactly(alices);
    }

    @Test
    void refusesALimitOrCursorOutOfContract() {
        assertThatThrownBy(() -> world.queries.list(new ListOrders(null, 0, null)))
                .isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> world.queries.list(new ListOrders(null, null, "page-2")))
                .isInstanceOfSatisfying(
                        InvalidRequest.class,
                        e -> assertThat(e.violations())
                                .containsExactly(new Violation("cursor", "is not a cursor from a previous page")));
    }
}
