package dev.orders.webhooks.delivery.intake.messaging;

import dev.orders.contracts.Patterns;
import dev.orders.infra.messaging.EventPattern;
import dev.orders.infra.messaging.MessageContext;
import dev.orders.infra.messaging.PoisonMessageException;
import dev.orders.webhooks.delivery.intake.EventIds;
import dev.orders.webhooks.delivery.intake.EventIntake;
import dev.orders.webhooks.subscription.EventTypes;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The events this service turns into webhooks ({@link EventTypes#KNOWN}), from {@code webhook_publisher_queue}. The data is kept as a JSON
 * tree, so fields added by a newer producer reach subscribers untouched. A handler that throws leaves the message to
 * the shared listener: retried later, then dead-lettered, never lost.
 */
@Component
class PlatformEvents {

    private final EventIntake intake;

    PlatformEvents(EventIntake intake) {
        this.intake = intake;
    }

    @EventPattern({
        Patterns.ORDER_CREATED,
        Patterns.ORDER_CONFIRMED,
        Patterns.ORDER_REJECTED,
        Patterns.ORDER_CANCELLED,
        Patterns.PRODUCT_STOCK_RESERVED
    })
    void receive(JsonNode data, MessageContext context) {
        if (data == null || !data.isObject()) {
            throw new PoisonMessageException("data of " + context.route() + " must be a JSON object");
        }
        intake.accept(EventIds.of(context.messageId(), context.route(), data), context.route(), data, context.sentAt());
    }
}
