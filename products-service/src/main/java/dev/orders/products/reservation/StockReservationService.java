package dev.orders.products.reservation;

import dev.orders.contracts.OrderLine;
import dev.orders.contracts.RejectionReasons;
import dev.orders.contracts.ReleaseStock;
import dev.orders.contracts.ReservationOutcome;
import dev.orders.contracts.ReserveStock;
import dev.orders.contracts.StockReleased;
import dev.orders.products.product.Products;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Reserves stock for an order, all lines or none, once per order; and releases it, once. Every outcome is written in
 * the same transaction as the stock change and its event ({@link StockMessages}).
 */
@Service
public class StockReservationService {

    private static final Logger log = LoggerFactory.getLogger(StockReservationService.class);

    private final Products products;
    private final Reservations reservations;
    private final StockMessages messages;
    private final TransactionOperations tx;

    StockReservationService(
            Products products, Reservations reservations, StockMessages messages, TransactionOperations tx) {
        this.products = products;
        this.reservations = reservations;
        this.messages = messages;
        this.tx = tx;
    }

    /** Thrown inside the transaction to roll back the lines already taken. */
    private static final class Refused extends RuntimeException {
        Refused() {
            super(null, null, false, false);
        }
    }

    public ReservationOutcome reserve(ReserveStock command) {
        try {
            return tx.execute(s -> {
                var existing = reservations.find(command.orderId());
                if (existing.isPresent()) {
                    return answerAgain(existing.get(), command);
                }
                // a fixed order of updates keeps two multi-line reservations from deadlocking on PostgreSQL
                List<OrderLine> lines = command.items().stream()
                        .sorted(Comparator.comparing(OrderLine::productId))
                        .toList();
                for (OrderLine line : lines) {
                    if (!products.take(line.productId(), line.quantity())) {
                        throw new Refused();
                    }
                }
                // a concurrent duplicate (another instance) fails here on the primary key and rolls back its stock
                Reservation reservation = new Reservation(
                        command.orderId(),
                        command.idempotencyKey(),
                        Reservation.Status.RESERVED,
                        null,
                        command.items());
                if (!reservations.insertIfAbsent(reservation)) {
                    throw new IllegalStateException("reservation for " + command.orderId() + " appeared concurrently");
                }
                return announce(reservation);
            });
        } catch (Refused refused) {
            return refuse(command);
        }
    }

    private ReservationOutcome refuse(ReserveStock command) {
        return tx.execute(s -> {
            boolean missing = command.items().stream().anyMatch(l -> !products.exists(l.productId()));
            String reason = missing ? RejectionReasons.PRODUCT_NOT_FOUND : RejectionReasons.OUT_OF_STOCK;
            Reservation rejected = new Reservation(
                    command.orderId(), command.idempotencyKey(), Reservation.Status.REJECTED, reason, command.items());
            if (!reservations.insertIfAbsent(rejected)) {
                return answerAgain(reservations.find(command.orderId()).orElseThrow(), command);
            }
            return announce(rejected);
        });
    }

    /** Gives back what was taken for the order, once; with nothing reserved yet, voids any later reservation. */
    public StockReleased release(ReleaseStock command) {
        String reason = command.reason() == null ? RejectionReasons.CANCELLED : command.reason();
        StockReleased outcome = tx.execute(s -> {
            StockReleased result = releaseInTransaction(command, reason);
            messages.released(result);
            return result;
        });
        log.debug(
                "Release of order {}: {}",
                command.orderId(),
                outcome.released() ? "stock given back" : "nothing to give");
        return outcome;
    }

    private StockReleased releaseInTransaction(ReleaseStock command, String reason) {
        var existing = reservations.find(command.orderId());
        if (existing.isEmpty()) {
            Reservation voided = new Reservation(command.orderId(), null, Reservation.Status.VOIDED, reason, List.of());
            if (!reservations.insertIfAbsent(voided)) {
                throw new IllegalStateException(
                        "reservation for " + command.orderId() + " appeared concurrently; release will be retried");
            }
            return new StockReleased(command.orderId(), false, reason, List.of());
        }
        Reservation reservation = existing.get();
        if (!reservations.transition(command.orderId(), Reservation.Status.RESERVED, Reservation.Status.RELEASED)) {
            return new StockReleased(command.orderId(), false, reason, List.of());
        }
        for (OrderLine line : reservation.items()) {
            products.addStock(line.productId(), line.quantity());
        }
        return new StockReleased(command.orderId(), true, reason, reservation.items());
    }

    /** The same outcome as the first time, for a redelivered or duplicated request; no stock moves. */
    private ReservationOutcome answerAgain(Reservation reservation, ReserveStock command) {
        boolean approved = reservation.status() == Reservation.Status.RESERVED
                || reservation.status() == Reservation.Status.RELEASED;
        String reason =
                approved ? null : reservation.reason() != null ? reservation.reason() : RejectionReasons.CANCELLED;
        String key = reservation.idempotencyKey() != null ? reservation.idempotencyKey() : command.idempotencyKey();
        List<OrderLine> items = reservation.items().isEmpty() ? command.items() : reservation.items();
        ReservationOutcome event = new ReservationOutcome(reservation.orderId(), key, approved, reason, items);
        messages.reservationDecided(event);
        return event;
    }

    private ReservationOutcome announce(Reservation reservation) {
        ReservationOutcome event = new ReservationOutcome(
                reservation.orderId(),
                reservation.idempotencyKey(),
                reservation.approved(),
                reservation.reason(),
                reservation.items());
        messages.reservationDecided(event);
        return event;
    }
}
