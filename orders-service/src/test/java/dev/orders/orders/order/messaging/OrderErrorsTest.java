package dev.orders.orders.order.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.contracts.ErrorCodes;
import dev.orders.contracts.InvalidRequest;
import dev.orders.contracts.OrderStatus;
import dev.orders.contracts.Violation;
import dev.orders.infra.messaging.InvalidMessageException;
import dev.orders.infra.messaging.PoisonMessageException;
import dev.orders.infra.messaging.RpcException;
import dev.orders.orders.order.IdempotencyKeyReused;
import dev.orders.orders.order.OrderException;
import dev.orders.orders.order.OrderNotCancellable;
import dev.orders.orders.order.OrderNotFound;
import dev.orders.orders.order.UnknownReservation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The use cases' refusals keep the error codes and messages that the gateway and NestJS peers read. */
class OrderErrorsTest {

    static final String ID = "00000000-0000-7000-8000-000000000001";

    @Test
    void anInvalidRequestIsAValidationFailureCarryingItsViolations() {
        List<Violation> violations = List.of(new Violation("id", "must be a UUID"), new Violation("limit", "too big"));

        RuntimeException answer = OrderErrors.toTransport(new InvalidRequest(violations));

        assertThat(answer).isInstanceOfSatisfying(InvalidMessageException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.VALIDATION_FAILED);
            assertThat(e.violations()).isEqualTo(violations);
            assertThat(e).hasMessage("invalid message: id must be a UUID; limit too big");
        });
    }

    @Test
    void eachRefusalIsAnsweredWithItsCodeAndMessage() {
        assertReply(new OrderNotFound(ID), ErrorCodes.NOT_FOUND, "order " + ID + " not found");
        assertReply(
                new OrderNotCancellable(ID, OrderStatus.REJECTED),
                ErrorCodes.CONFLICT,
                "order " + ID + " is REJECTED and cannot be cancelled");
        assertReply(
                new IdempotencyKeyReused(),
                ErrorCodes.IDEMPOTENCY_KEY_REUSED,
                "this Idempotency-Key was used for a different order");
    }

    @Test
    void anOutcomeForNoOrderOfOursIsDeadLettered() {
        assertThat(OrderErrors.toTransport(UnknownReservation.noOrder(ID)))
                .isExactlyInstanceOf(PoisonMessageException.class)
                .hasMessage("no order " + ID);
        assertThat(OrderErrors.toTransport(UnknownReservation.keyOfAnotherOrder(ID)))
                .isExactlyInstanceOf(PoisonMessageException.class)
                .hasMessage("idempotency key does not belong to order " + ID);
    }

    @Test
    void whatIsNotARefusalPassesThroughUnchanged() {
        IllegalStateException failure = new IllegalStateException("database away");
        try {
            OrderErrors.translated(() -> {
                throw failure;
            });
        } catch (IllegalStateException e) {
            assertThat(e).isSameAs(failure);
            return;
        }
        throw new AssertionError("nothing thrown");
    }

    private static void assertReply(OrderException refusal, String code, String message) {
        RuntimeException answer = OrderErrors.toTransport(refusal);
        assertThat(answer).isExactlyInstanceOf(RpcException.class).hasMessage(message);
        assertThat(((RpcException) answer).code()).isEqualTo(code);
    }
}
