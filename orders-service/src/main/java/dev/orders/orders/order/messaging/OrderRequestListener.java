package dev.orders.orders.order.messaging;

import static dev.orders.orders.order.messaging.OrderErrors.translated;

import dev.orders.contracts.CancelOrder;
import dev.orders.contracts.CreateOrder;
import dev.orders.contracts.GetOrder;
import dev.orders.contracts.ListOrders;
import dev.orders.contracts.OrderView;
import dev.orders.contracts.Page;
import dev.orders.contracts.Patterns;
import dev.orders.infra.messaging.MessageContext;
import dev.orders.infra.messaging.MessagePattern;
import dev.orders.orders.order.OrderEndings;
import dev.orders.orders.order.OrderPlacement;
import dev.orders.orders.order.OrderQueries;
import org.springframework.stereotype.Component;

/** Requests on {@code orders_queue}. */
@Component
class OrderRequestListener {

    private final OrderPlacement placement;
    private final OrderQueries queries;
    private final OrderEndings endings;

    OrderRequestListener(OrderPlacement placement, OrderQueries queries, OrderEndings endings) {
        this.placement = placement;
        this.queries = queries;
        this.endings = endings;
    }

    @MessagePattern(Patterns.ORDERS_CANCEL)
    OrderView cancel(CancelOrder command) {
        return translated(() -> endings.cancel(command.id(), command.ownerId()));
    }

    @MessagePattern(Patterns.ORDERS_CREATE)
    OrderView create(CreateOrder command, MessageContext context) {
        return translated(() -> placement.place(command, context.requestId()));
    }

    @MessagePattern(Patterns.ORDERS_GET)
    OrderView get(GetOrder query) {
        return translated(() -> queries.get(query.id(), query.ownerId()));
    }

    @MessagePattern(Patterns.ORDERS_LIST)
    Page<OrderView> list(ListOrders query) {
        return translated(() -> queries.list(query));
    }
}
