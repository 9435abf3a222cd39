package dev.orders.orders.order.messaging;

import dev.orders.contracts.ErrorCodes;
import dev.orders.contracts.InvalidRequest;
import dev.orders.infra.messaging.InvalidMessageException;
import dev.orders.infra.messaging.PoisonMessageException;
import dev.orders.infra.messaging.RpcException;
import dev.orders.orders.order.IdempotencyKeyReused;
import dev.orders.orders.order.OrderException;
import dev.orders.orders.order.OrderNotCancellable;
import dev.orders.orders.order.OrderNotFound;
import dev.orders.orders.order.UnknownReservation;
import java.util.function.Supplier;

/** The order use cases' refusals as the transport answers them: an error reply with a code, or a dead letter. */
final class OrderErrors {

    private OrderErrors() {}

    static <T> T translated(Supplier<T> useCase) {
        try {
            return useCase.get();
        } catch (InvalidRequest e) {
            throw toTransport(e);
        } catch (OrderException e) {
            throw toTransport(e);
        }
    }

    static RuntimeException toTransport(InvalidRequest invalid) {
        return new InvalidMessageException(invalid.violations());
    }

    static RuntimeException toTransport(OrderException e) {
        return switch (e) {
            case OrderNotFound notFound -> new RpcException(ErrorCodes.NOT_FOUND, notFound.getMessage());
            case OrderNotCancellable ended -> new RpcException(ErrorCodes.CONFLICT, ended.getMessage());
            case IdempotencyKeyReused reused ->
                new RpcException(ErrorCodes.IDEMPOTENCY_KEY_REUSED, reused.getMessage());
            case UnknownReservation unknown -> new PoisonMessageException(unknown.getMessage(), unknown);
        };
    }
}
