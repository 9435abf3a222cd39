package dev.orders.orders.order;

import static dev.orders.orders.order.OrderFixture.OTHER_PRODUCT;
import static dev.orders.orders.order.OrderFixture.PRODUCT;
import static dev.orders.orders.order.OrderFixture.START;
import static dev.orders.orders.order.OrderFixture.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.contracts.CreateOrder;
import dev.orders.contracts.Customer;
import dev.orders.contracts.InvalidRequest;
import dev.orders.contracts.OrderLine;
import dev.orders.contracts.OrderStatus;
import dev.orders.contracts.OrderView;
import dev.orders.contracts.Patterns;
import dev.orders.contracts.ReserveStock;
import dev.orders.contracts.Violation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderPlacementTest {

    final OrderFixture world = new OrderFixture();

    @Test
    void storesANewOrderPendingAndAsksForItsStockInTheSameTransaction() {
        List<OrderLine> lines = List.of(new OrderLine(PRODUCT, 2), new OrderLine(OTHER_PRODUCT, 1));
        Customer customer = new Customer("Ana", null, "ana@example.com", "es");

        OrderView placed = world.placement.place(new CreateOrder(lines, customer, null, "alice", false), "msg-1");

        assertThat(placed.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(placed.items()).isEqualTo(lines);
        assertThat(placed.ownerId()).isEqualTo("alice");
        assertThat(placed.notifyCustomer()).isFalse();
        assertThat(placed.createdAt()).isEqualTo(START).isEqualTo(placed.updatedAt());
        Order stored = world.orders.get(placed.id());
        assertThat(stored.view()).isEqualTo(placed);
        assertThat(world.messages.sent)
                .containsExactly(
                        new RecordedOrderMessages.Sent(Patterns.ORDER_CREATED, placed),
                        new RecordedOrderMessages.Sent(
                                Patterns.PRODUCT_RESERVE_STOCK,
                                new ReserveStock(placed.id(), stored.idempotencyKey(), lines)));
    }

    @Test
    void anOrderThatNamesNoOwnerBelongsToTheDefaultOwnerAndMayNotifyItsCustomer() {
        OrderView placed = world.placement.place(new CreateOrder(List.of(new OrderLine(PRODUCT, 1)), null, null), null);

        assertThat(placed.ownerId()).isEqualTo("amqp");
        assertThat(placed.notifyCustomer()).isTrue();
    }

    @Test
    void theSameClientKeyAndContentReturnTheFirstOrderOnce() {
        CreateOrder request = withKey(order("alice", new OrderLine(PRODUCT, 1)), "key-1");
        OrderView first = world.placement.place(request, "msg-1");
        world.clock.advance(Duration.ofSeconds(1));

        OrderView again = world.placement.place(request, "msg-2");

        assertThat(again).isEqualTo(first);
        assertThat(world.orders.all()).hasSize(1);
        assertThat(world.messages.data(Patterns.ORDER_CREATED)).hasSize(1);
    }

    @Test
    void refusesAClientKeyReusedForDifferentContent() {
        world.placement.place(withKey(order("alice", new OrderLine(PRODUCT, 1)), "key-1"), null);

        assertThatThrownBy(() ->
                        world.placement.place(withKey(order("alice", new OrderLine(PRODUCT, 2)), "key-1"), null))
                .isInstanceOf(IdempotencyKeyReused.class)
                .hasMessage("this Idempotency-Key was used for a different order");
        assertThat(world.orders.all()).hasSize(1);
        assertThat(world.messages.data(Patterns.ORDER_CREATED)).hasSize(1);
    }

    @Test
    void anotherOwnersEqualClientKeyPlacesAnotherOrder() {
        OrderView alices = world.placement.place(withKey(order("alice", new OrderLine(PRODUCT, 1)), "key-1"), null);
        OrderView bobs = world.placement.place(withKey(order("bob", new OrderLine(PRODUCT, 2)), "key-1"), null);

        assertThat(bobs.id()).isNotEqualTo(alices.id());
        assertThat(bobs.ownerId()).isEqualTo("bob");
    }

    @Test
    void aRedeliveredRequestWithoutClientKeyReturnsTheFirstOrder() {
        CreateOrder request = order("alice", new OrderLine(PRODUCT, 1));
        OrderView first = world.placement.place(request, "msg-1");

        assertThat(world.placement.place(request, "msg-1")).isEqualTo(first);
        assertThat(world.placement.place(request, "msg-2").id())
                .as("another message: another order")
                .isNotEqualTo(first.id());
    }

    @Test
    void aConcurrentPlacementOfTheSameRequestIsAnsweredWithTheOrderThatWon() {
        CreateOrder request = withKey(order("alice", new OrderLine(PRODUCT, 1)), "key-1");
        OrderFixture elsewhere = new OrderFixture();
        OrderView[] winner = new OrderView[1];
        // another instance commits the same request between our replay check and our insert
        world.orders.meanwhile(() -> {
            winner[0] = elsewhere.placement.place(request, null);
            world.orders.insert(elsewhere.orders.get(winner[0].id()));
        });

        OrderView answered = world.placement.place(request, null);

        assertThat(answered).isEqualTo(winner[0]);
        assertThat(world.orders.all()).hasSize(1);
        assertThat(world.messages.sent)
                .as("the losing transaction sent nothing")
                .isEmpty();
    }

    @Test
    void refusesAnInvalidRequestAndStoresNothing() {
        CreateOrder noLines = new CreateOrder(List.of(), null, null, "alice", true);

        assertThatThrownBy(() -> world.placement.place(noLines, null))
                .isInstanceOfSatisfying(
                        InvalidRequest.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field)
                                .containsExactly("items"));
        assertThat(world.orders.all()).isEmpty();
        assertThat(world.messages.sent).isEmpty();
    }

    @Test
    void refusesADefaultOwnerThatIsNotAnOwnerId() {
        assertThatThrownBy(() -> new OrderSettings("q", Duration.ofSeconds(1), Duration.ofSeconds(1), 1, " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AMQP_DEFAULT_OWNER");
    }

    private static CreateOrder withKey(CreateOrder order, String key) {
        return new CreateOrder(order.items(), order.customer(), key, order.ownerId(), order.notifyCustomer());
    }
}
