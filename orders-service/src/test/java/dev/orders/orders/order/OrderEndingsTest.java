package dev.orders.orders.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.contracts.InvalidRequest;
import dev.orders.contracts.OrderStatus;
import dev.orders.contracts.OrderView;
import dev.orders.contracts.Patterns;
import dev.orders.contracts.ReleaseStock;
import dev.orders.contracts.ReservationOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OrderEndingsTest {

    final OrderFixture world = new OrderFixture();

    @Test
    void cancelsAPendingOrderAndReleasesItsStock() {
        OrderView order = world.placed("alice");
        world.clock.advance(Duration.ofSeconds(3));

        OrderView cancelled = world.endings.cancel(order.id(), "alice");

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.updatedAt()).isEqualTo(world.clock.instant());
        assertThat(world.orders.get(order.id()).view()).isEqualTo(cancelled);
        assertThat(world.messages.sent)
                .containsExactly(
                        new RecordedOrderMessages.Sent(Patterns.ORDER_CANCELLED, cancelled),
                        new RecordedOrderMessages.Sent(
                                Patterns.PRODUCT_RELEASE_STOCK, new ReleaseStock(order.id(), "CANCELLED")));
    }

    @Test
    void cancelsAConfirmedOrder() {
        OrderView order = world.placed("alice");
        world.decisions.decide(
                new ReservationOutcome(order.id(), world.idempotencyKeyOf(order.id()), true, null, order.items()));

        assertThat(world.endings.cancel(order.id().toUpperCase(), null).status())
                .isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void refusesToCancelAnOrderThatAlreadyEnded() {
        OrderView order = world.placed("alice");
        world.endings.cancel(order.id(), null);
        world.messages.sent.clear();

        assertThatThrownBy(() -> world.endings.cancel(order.id(), null))
                .isInstanceOf(OrderNotCancellable.class)
                .hasMessage("order " + order.id() + " is CANCELLED and cannot be cancelled");
        assertThat(world.messages.sent).isEmpty();
    }

    @Test
    void anotherOwnersOrderIsNotFound() {
        OrderView order = world.placed("alice");

        assertThatThrownBy(() -> world.endings.cancel(order.id(), "bob"))
                .isInstanceOf(OrderNotFound.class)
                .hasMessage("order " + order.id() + " not found");
        assertThat(world.orders.get(order.id()).status()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void refusesAnIdThatIsNotAUuid() {
        assertThatThrownBy(() -> world.endings.cancel("42", null)).isInstanceOf(InvalidRequest.class);
    }

    @Test
    void cancelsTheOrderAsItIsWhenItsStatusChangedMeanwhile() {
        OrderView order = world.placed("alice");
        // the reservation outcome is applied between our read and our update
        world.orders.meanwhile(() -> world.orders.transition(
                order.id(), OrderStatus.PENDING, OrderStatus.CONFIRMED, null, world.clock.millis()));

        OrderView cancelled = world.endings.cancel(order.id(), null);

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(world.messages.data(Patterns.ORDER_CANCELLED)).containsExactly(cancelled);
        assertThat(world.messages.data(Patterns.PRODUCT_RELEASE_STOCK)).hasSize(1);
    }

    @Test
    void expiresOnlyPendingOrdersCreatedBeforeTheGivenTime() {
        OrderView old = world.placed("alice");
        OrderView decided = world.placed("alice");
        world.decisions.decide(new ReservationOutcome(
                decided.id(), world.idempotencyKeyOf(decided.id()), true, null, decided.items()));
        world.clock.advance(Duration.ofSeconds(10));
        OrderView recent = world.placed("alice");
        world.messages.sent.clear();

        int expired =
                world.endings.expirePendingCreatedBefore(recent.createdAt().toEpochMilli(), 100);

        assertThat(expired).isOne();
        Order rejected = world.orders.get(old.id());
        assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(rejected.reason()).isEqualTo("EXPIRED");
        assertThat(world.orders.get(decided.id()).status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(world.orders.get(recent.id()).status()).isEqualTo(OrderStatus.PENDING);
        assertThat(world.messages.sent)
                .containsExactly(
                        new RecordedOrderMessages.Sent(Patterns.ORDER_REJECTED, rejected.view()),
                        new RecordedOrderMessages.Sent(
                                Patterns.PRODUCT_RELEASE_STOCK, new ReleaseStock(old.id(), "EXPIRED")));
    }
}
