package dev.orders.orders.order.messaging;

import dev.orders.contracts.OrderView;
import dev.orders.contracts.Patterns;
import dev.orders.contracts.ReleaseStock;
import dev.orders.contracts.ReserveStock;
import dev.orders.infra.outbox.Outbox;
import dev.orders.orders.order.OrderMessages;
import dev.orders.orders.order.OrderSettings;
import org.springframework.stereotype.Component;

/** Order events to the events exchange and stock requests to products' queue, through the outbox. */
@Component
class OutboxOrderMessages implements OrderMessages {

    private final Outbox outbox;
    private final String productsQueue;

    OutboxOrderMessages(Outbox outbox, OrderSettings settings) {
        this.outbox = outbox;
        this.productsQueue = settings.productsQueue();
    }

    @Override
    public void changed(OrderView order) {
        outbox.publishEvent(OrderMessages.eventOf(order.status()), order);
    }

    @Override
    public void reserveStock(ReserveStock request) {
        outbox.sendToQueue(productsQueue, Patterns.PRODUCT_RESERVE_STOCK, request);
    }

    @Override
    public void releaseStock(ReleaseStock request) {
        outbox.sendToQueue(productsQueue, Patterns.PRODUCT_RELEASE_STOCK, request);
    }
}
