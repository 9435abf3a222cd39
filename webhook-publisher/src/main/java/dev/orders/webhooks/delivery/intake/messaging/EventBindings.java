package dev.orders.webhooks.delivery.intake.messaging;

import dev.orders.infra.messaging.MessagingProperties;
import dev.orders.webhooks.subscription.EventTypes;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds the publisher's queue to the events exchange for every type in {@link EventTypes#KNOWN}, and no other. */
@Configuration(proxyBeanMethods = false)
class EventBindings {

    @Bean
    Declarables webhookEventBindings(MessagingProperties messaging) {
        TopicExchange events = new TopicExchange(messaging.eventsExchange(), true, false);
        List<Declarable> bindings = new ArrayList<>();
        for (String queue : messaging.consumeQueues()) {
            for (String type : EventTypes.KNOWN) {
                bindings.add(BindingBuilder.bind(new Queue(queue)).to(events).with(type));
            }
        }
        return new Declarables(bindings);
    }
}
