package dev.orders.orders.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.contracts.OrderStatus;
import dev.orders.contracts.OrderView;
import dev.orders.contracts.Patterns;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;

class OrderExpiryTest {

    @Test
    void rejectsAsExpiredTheOrdersPendingLongerThanTheTimeout() {
        OrderFixture world = new OrderFixture();
        OrderView old = world.placed("alice");
        world.clock.advance(Duration.ofSeconds(20));
        OrderView young = world.placed("alice");
        world.clock.advance(Duration.ofSeconds(11));

        assertThat(world.expiry.sweep()).isOne();

        assertThat(world.orders.get(old.id()).status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(world.orders.get(old.id()).reason()).isEqualTo("EXPIRED");
        assertThat(world.orders.get(old.id()).updatedAt()).isEqualTo(world.clock.millis());
        assertThat(world.orders.get(young.id()).status()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void anOrderExactlyAtItsDeadlineIsNotYetDue() {
        OrderFixture world = new OrderFixture();
        OrderView order = world.placed("alice");
        world.clock.advance(OrderFixture.PENDING_TIMEOUT);

        assertThat(world.expiry.sweep()).isZero();
        assertThat(world.orders.get(order.id()).status()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void drainsABacklogInBatchesUntilNothingIsDue() {
        OrderFixture world = new OrderFixture(2);
        List<OrderView> backlog =
                List.of(world.placed("a"), world.placed("b"), world.placed("c"), world.placed("d"), world.placed("e"));
        world.clock.advance(Duration.ofHours(1));

        assertThat(world.expiry.sweep()).isEqualTo(5);

        assertThat(backlog)
                .allSatisfy(o -> assertThat(world.orders.get(o.id()).status()).isEqualTo(OrderStatus.REJECTED));
        assertThat(world.messages.data(Patterns.ORDER_REJECTED)).hasSize(5);
        assertThat(world.messages.data(Patterns.PRODUCT_RELEASE_STOCK)).hasSize(5);
    }

    @Test
    void aFailedSweepIsLeftForTheNextOne() {
        OrderFixture world = new OrderFixture();
        OrderView order = world.placed("alice");
        world.clock.advance(Duration.ofHours(1));
        TransactionOperations databaseAway = new TransactionOperations() {
            @Override
            public <T> T execute(TransactionCallback<T> action) {
                throw new IllegalStateException("database away");
            }
        };
        OrderEndings failing = new OrderEndings(world.orders, world.messages, databaseAway, world.clock);

        assertThat(new OrderExpiry(failing, world.clock, world.settings).sweep())
                .isZero();
        assertThat(world.orders.get(order.id()).status()).isEqualTo(OrderStatus.PENDING);
        assertThat(world.expiry.sweep()).isOne();
    }
}
