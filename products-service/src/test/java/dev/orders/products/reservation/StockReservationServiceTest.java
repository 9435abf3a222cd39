package dev.orders.products.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.contracts.OrderLine;
import dev.orders.contracts.ReleaseStock;
import dev.orders.contracts.ReservationOutcome;
import dev.orders.contracts.ReserveStock;
import dev.orders.contracts.StockReleased;
import dev.orders.products.product.InMemoryProducts;
import dev.orders.products.product.InMemoryTransactions;
import dev.orders.products.product.Product;
import java.util.List;
import org.junit.jupiter.api.Test;

class StockReservationServiceTest {

    static final String KEYBOARD = "00000000-0000-4000-8000-000000000001";
    static final String MOUSE = "00000000-0000-4000-8000-000000000002";
    static final String MISSING = "00000000-0000-4000-8000-00000000ffff";
    static final String ORDER = "00000000-0000-7000-8000-000000000001";

    final InMemoryProducts products = new InMemoryProducts();
    final InMemoryReservations reservations = new InMemoryReservations();
    final RecordedStockMessages messages = new RecordedStockMessages();
    final StockReservationService service = new StockReservationService(
            products,
            reservations,
            messages,
            new InMemoryTransactions(products.snapshots(), reservations.snapshots(), messages.snapshots()));

    StockReservationServiceTest() {
        products.insert(new Product(KEYBOARD, "Teclado", 8999, 10));
        products.insert(new Product(MOUSE, "Ratón", 2999, 1));
    }

    @Test
    void takesStockForEveryLineAndAnnouncesTheReservation() {
        List<OrderLine> lines = List.of(new OrderLine(MOUSE, 1), new OrderLine(KEYBOARD, 3));

        ReservationOutcome outcome = service.reserve(new ReserveStock(ORDER, "key", lines));

        assertThat(outcome).isEqualTo(new ReservationOutcome(ORDER, "key", true, null, lines));
        assertThat(products.stockOf(KEYBOARD)).isEqualTo(7);
        assertThat(products.stockOf(MOUSE)).isZero();
        assertThat(reservations.find(ORDER))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(Reservation.Status.RESERVED));
        assertThat(messages.sent).containsExactly(outcome);
    }

    @Test
    void takesNothingWhenOneLineIsShort() {
        List<OrderLine> lines = List.of(new OrderLine(KEYBOARD, 3), new OrderLine(MOUSE, 2));

        ReservationOutcome outcome = service.reserve(new ReserveStock(ORDER, "key", lines));

        assertThat(outcome).isEqualTo(new ReservationOutcome(ORDER, "key", false, "OUT_OF_STOCK", lines));
        assertThat(products.stockOf(KEYBOARD))
                .as("the line already taken went back")
                .isEqualTo(10);
        assertThat(products.stockOf(MOUSE)).isEqualTo(1);
        assertThat(messages.sent).containsExactly(outcome);
    }

    @Test
    void refusesAnOrderForAProductThatDoesNotExist() {
        List<OrderLine> lines = List.of(new OrderLine(KEYBOARD, 1), new OrderLine(MISSING, 1));

        ReservationOutcome outcome = service.reserve(new ReserveStock(ORDER, "key", lines));

        assertThat(outcome.approved()).isFalse();
        assertThat(outcome.reason()).isEqualTo("PRODUCT_NOT_FOUND");
        assertThat(products.stockOf(KEYBOARD)).isEqualTo(10);
    }

    @Test
    void aRedeliveredRequestGetsTheSameAnswerAndTakesNothingMore() {
        ReserveStock request = new ReserveStock(ORDER, "key", List.of(new OrderLine(KEYBOARD, 4)));
        ReservationOutcome first = service.reserve(request);

        ReservationOutcome again = service.reserve(request);

        assertThat(again).isEqualTo(first);
        assertThat(products.stockOf(KEYBOARD)).isEqualTo(6);
        assertThat(messages.sent)
                .as("announced again, for a sender that lost the first")
                .containsExactly(first, first);
    }

    @Test
    void givesStockBackOnce() {
        List<OrderLine> lines = List.of(new OrderLine(KEYBOARD, 4));
        service.reserve(new ReserveStock(ORDER, "key", lines));

        StockReleased released = service.release(new ReleaseStock(ORDER, "CANCELLED"));
        StockReleased again = service.release(new ReleaseStock(ORDER, "CANCELLED"));

        assertThat(released).isEqualTo(new StockReleased(ORDER, true, "CANCELLED", lines));
        assertThat(again).isEqualTo(new StockReleased(ORDER, false, "CANCELLED", List.of()));
        assertThat(products.stockOf(KEYBOARD)).isEqualTo(10);
        assertThat(messages.sent).endsWith(released, again);
    }

    @Test
    void aReleaseWithoutReasonIsACancellation() {
        assertThat(service.release(new ReleaseStock(ORDER, null)).reason()).isEqualTo("CANCELLED");
    }

    @Test
    void aReleaseBeforeTheReservationRefusesTheReservationWhenItArrives() {
        StockReleased nothing = service.release(new ReleaseStock(ORDER, "EXPIRED"));
        List<OrderLine> lines = List.of(new OrderLine(KEYBOARD, 1));

        ReservationOutcome late = service.reserve(new ReserveStock(ORDER, "key", lines));

        assertThat(nothing.released()).isFalse();
        assertThat(late).isEqualTo(new ReservationOutcome(ORDER, "key", false, "EXPIRED", lines));
        assertThat(products.stockOf(KEYBOARD)).isEqualTo(10);
    }

    @Test
    void aRedeliveredRequestAfterTheReleaseStillSaysApproved() {
        ReserveStock request = new ReserveStock(ORDER, "key", List.of(new OrderLine(KEYBOARD, 2)));
        service.reserve(request);
        service.release(new ReleaseStock(ORDER, "CANCELLED"));

        assertThat(service.reserve(request).approved()).isTrue();
        assertThat(products.stockOf(KEYBOARD)).isEqualTo(10);
    }
}
