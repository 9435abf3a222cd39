package dev.orders.infra.messaging;

import dev.orders.contracts.Destinations;
import dev.orders.infra.observability.TraceHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Wires the shared messaging plumbing: the topology (consumed queues with their dead-letter and delay queues, the
 * events exchange and its bindings), the confirmed publisher (its own confirm-mode channel on the publisher
 * connection; the consumers' connection has no confirms, so RPC replies, sent fire-and-forget as NestJS does, are
 * not confirmed), and one listener container with manual acknowledgements over the consumed queues.
 */
@AutoConfiguration(afterName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    @Bean
    static HandlerRegistry handlerRegistry() {
        return new HandlerRegistry();
    }

    @Bean
    ConfirmedPublisher confirmedPublisher(ConnectionFactory connectionFactory) {
        return new ConfirmedPublisher(connectionFactory);
    }

    @Bean
    FailureRouter failureRouter(ConfirmedPublisher publisher, MessagingProperties properties) {
        return new FailureRouter(publisher, properties);
    }

    @Bean
    Declarables platformTopology(MessagingProperties properties) {
        List<Declarable> all = new ArrayList<>();
        TopicExchange events = new TopicExchange(properties.eventsExchange(), true, false);
        all.add(events);
        Set<String> plain = new LinkedHashSet<>(properties.consumeQueues());
        plain.addAll(properties.declareQueues());
        for (String name : plain) {
            // durable, no arguments: exactly what a NestJS client or server asserts by default
            all.add(QueueBuilder.durable(name).build());
        }
        for (String name : properties.consumeQueues()) {
            all.add(QueueBuilder.durable(Destinations.deadLetterQueue(name)).build());
            for (Duration delay : new LinkedHashSet<>(properties.retryDelays())) {
                Queue retry = QueueBuilder.durable(MessagingProperties.retryQueue(name, delay))
                        .ttl((int) delay.toMillis())
                        .deadLetterExchange("")
                        .deadLetterRoutingKey(name)
                        .build();
                all.add(retry);
            }
        }
        for (String spec : properties.bindings()) {
            int colon = spec.lastIndexOf(':');
            if (colon <= 0 || colon == spec.length() - 1) {
                throw new IllegalArgumentException(
                        "platform.messaging.bindings entries are queue:routingKey, not " + spec);
            }
            String queue = spec.substring(0, colon).trim();
            if (!plain.contains(queue)) {
                all.add(QueueBuilder.durable(queue).build());
            }
            Binding binding = BindingBuilder.bind(new Queue(queue))
                    .to(events)
                    .with(spec.substring(colon + 1).trim());
            all.add(binding);
        }
        return new Declarables(all);
    }

    @Bean
    @ConditionalOnExpression("!'${platform.messaging.consume-queues:}'.isEmpty()")
    DeadLetters deadLetters(
            ConnectionFactory connectionFactory, ConfirmedPublisher publisher, MessagingProperties properties) {
        return new DeadLetters(new RabbitTemplate(connectionFactory), publisher, properties);
    }

    @Bean
    @ConditionalOnExpression("!'${platform.messaging.consume-queues:}'.isEmpty()")
    @ConditionalOnWebApplication
    DeadLetterController deadLetterController(DeadLetters deadLetters) {
        return new DeadLetterController(deadLetters);
    }

    @Bean
    @ConditionalOnExpression("!'${platform.messaging.consume-queues:}'.isEmpty()")
    NestRmqListener nestRmqListener(
            HandlerRegistry registry,
            FailureRouter failures,
            MessagingProperties properties,
            MeterRegistry meters,
            TraceHeaders tracing) {
        return new NestRmqListener(registry, failures, properties, meters, tracing);
    }

    @Bean
    @ConditionalOnExpression("!'${platform.messaging.consume-queues:}'.isEmpty()")
    SimpleMessageListenerContainer platformListenerContainer(
            ConnectionFactory connectionFactory, NestRmqListener listener, MessagingProperties properties) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(properties.consumeQueues().toArray(String[]::new));
        container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        container.setPrefetchCount(properties.prefetch());
        container.setConcurrentConsumers(properties.concurrency());
        container.setMessageListener(listener);
        container.setMissingQueuesFatal(false);
        container.setRecoveryInterval(properties.recoveryInterval().toMillis());
        container.setDefaultRequeueRejected(true);
        // NestRmqListener times every handler (platform.handler) and counts outcomes (platform.messages); the
        // container's own timer per message would only repeat that
        container.setMicrometerEnabled(false);
        return container;
    }
}
