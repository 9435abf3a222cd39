package dev.orders.orders.order;

import static dev.orders.orders.order.OrderFixture.PRODUCT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.contracts.OrderLine;
import dev.orders.contracts.OrderStatus;
import dev.orders.contracts.OrderView;
import dev.orders.contracts.Patterns;
import dev.orders.contracts.ReleaseStock;
import dev.orders.contracts.ReservationOutcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderDecisionsTest {

    static final String UNKNOWN = "00000000-0000-7000-8000-000000000000";

    final OrderFixture world = new OrderFixture();

    @Test
    void confirmsAPendingOrderWhoseStockWasReserved() {
        OrderView order = world.placed("alice");
        world.clock.advance(Duration.ofSeconds(2));

        world.decisions.decide(approved(order.id()));

        Order confirmed = world.orders.get(order.id());
        assertThat(confirmed.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(confirmed.reason()).isNull();
        assertThat(confirmed.updatedAt()).isEqualTo(world.clock.millis());
        assertThat(world.messages.sent)
                .containsExactly(new RecordedOrderMessages.Sent(Patterns.ORDER_CONFIRMED, confirmed.view()));
    }

    @Test
    void rejectsAPendingOrderWithTheReservationsReason() {
        OrderView order = world.placed("alice");

        world.decisions.decide(refused(order.id(), "PRODUCT_NOT_FOUND"));

        Order rejected = world.orders.get(order.id());
        assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(rejected.reason()).isEqualTo("PRODUCT_NOT_FOUND");
        assertThat(world.messages.sent)
                .containsExactly(new RecordedOrderMessages.Sent(Patterns.ORDER_REJECTED, rejected.view()));
    }

    @Test
    void aRefusalWithoutReasonIsOutOfStock() {
        OrderView order = world.placed("alice");

        world.decisions.decide(refused(order.id(), null));

        assertThat(world.orders.get(order.id()).reason()).isEqualTo("OUT_OF_STOCK");
    }

    @Test
    void decidesAnOrderOnlyOnce() {
        OrderView order = world.placed("alice");
        world.decisions.decide(approved(order.id()));

        world.decisions.decide(approved(order.id()));
        world.decisions.decide(refused(order.id(), "OUT_OF_STOCK"));

        assertThat(world.orders.get(order.id()).status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(world.messages.sent).hasSize(1);
    }

    @Test
    void givesBackStockReservedForAnOrderCancelledBeforeTheOutcomeArrived() {
        OrderView order = world.placed("alice");
        world.endings.cancel(order.id(), null);
        world.messages.sent.clear();

        world.decisions.decide(approved(order.id()));

        assertThat(world.orders.get(order.id()).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(world.messages.sent)
                .containsExactly(new RecordedOrderMessages.Sent(
                        Patterns.PRODUCT_RELEASE_STOCK, new ReleaseStock(order.id(), "CANCELLED")));
    }

    @Test
    void givesBackStockReservedForAnOrderThatExpiredBeforeTheOutcomeArrived() {
        OrderView order = world.placed("alice");
        world.clock.advance(OrderFixture.PENDING_TIMEOUT.plusSeconds(1));
        world.expiry.sweep();
        world.messages.sent.clear();

        world.decisions.decide(approved(order.id()));

        assertThat(world.orders.get(order.id()).reason()).isEqualTo("EXPIRED");
        assertThat(world.messages.sent)
                .containsExactly(new RecordedOrderMessages.Sent(
                        Patterns.PRODUCT_RELEASE_STOCK, new ReleaseStock(order.id(), "EXPIRED")));
    }

    @Test
    void aLateRefusalOfAnEndedOrderSendsNothing() {
        OrderView order = world.placed("alice");
        world.endings.cancel(order.id(), null);
        world.messages.sent.clear();

        world.decisions.decide(refused(order.id(), "OUT_OF_STOCK"));

        assertThat(world.orders.get(order.id()).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(world.messages.sent).isEmpty();
    }

    @Test
    void refusesAnOutcomeForNoOrderOfOurs() {
        assertThatThrownBy(() -> world.decisions.decide(
                        new ReservationOutcome(UNKNOWN, "k", true, null, List.of(new OrderLine(PRODUCT, 1)))))
                .isInstanceOf(UnknownReservation.class)
                .hasMessage("no order " + UNKNOWN);
    }

    @Test
    void refusesAnOutcomeWhoseKeyBelongsToAnotherOrder() {
        OrderView order = world.placed("alice");

        assertThatThrownBy(() -> world.decisions.decide(
                        new ReservationOutcome(order.id(), "not-its-key", true, null, order.items())))
                .isInstanceOf(UnknownReservation.class)
                .hasMessage("idempotency key does not belong to order " + order.id());
        assertThat(world.orders.get(order.id()).status()).isEqualTo(OrderStatus.PENDING);
        assertThat(world.messages.sent).isEmpty();
    }

    private ReservationOutcome approved(String orderId) {
        return new ReservationOutcome(
                orderId,
                world.idempotencyKeyOf(orderId),
                true,
                null,
                world.orders.get(orderId).items());
    }

    private ReservationOutcome refused(String orderId, String reason) {
        return new ReservationOutcome(
                orderId,
                world.idempotencyKeyOf(orderId),
                false,
                reason,
                world.orders.get(orderId).items());
    }
}
