package dev.orders.infra.messaging;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes with publisher confirms and mandatory routing, on the connection factory's separate publisher connection
 * (so a blocked publisher never stalls consumers). A publish counts only when the broker acks it and did not return
 * it as unroutable.
 */
public class ConfirmedPublisher {

    private final RabbitTemplate mandatory;
    private final RabbitTemplate optional;

    public ConfirmedPublisher(ConnectionFactory connectionFactory) {
        this.mandatory = template(connectionFactory, true);
        this.optional = template(connectionFactory, false);
    }

    private static RabbitTemplate template(ConnectionFactory connectionFactory, boolean mandatory) {
        RabbitTemplate template = new RabbitTemplate(connectionFactory);
        template.setMandatory(mandatory);
        template.setUsePublisherConnection(true);
        // the returned message is attached to its CorrelationData; nothing else to do here
        template.setReturnsCallback(returned -> { });
        return template;
    }

    /**
     * Completes normally on a positive confirm, exceptionally on nack, return, or a failed send. A message for the
     * default exchange (straight to a queue) must reach its queue; one for a topic exchange may have no subscriber,
     * which is not a failure: an event nobody listens to is simply not kept.
     */
    public CompletableFuture<Void> publish(String exchange, String routingKey, Message message, String correlationId) {
        CorrelationData correlation = new CorrelationData(correlationId == null ? UUID.randomUUID().toString()
                : correlationId);
        try {
            (exchange.isEmpty() ? mandatory : optional).send(exchange, routingKey, message, correlation);
        } catch (AmqpException e) {
            return CompletableFuture.failedFuture(e);
        }
        return correlation.getFuture().thenApply(confirm -> {
            if (correlation.getReturned() != null) {
                throw new PublishFailedException("unroutable: " + exchange + "/" + routingKey + " ("
                        + correlation.getReturned().getReplyText() + ")");
            }
            if (!confirm.ack()) {
                throw new PublishFailedException("broker refused " + exchange + "/" + routingKey + ": "
                        + confirm.reason());
            }
            return null;
        });
    }

    public void publishAndWait(String exchange, String routingKey, Message message, Duration timeout) {
        try {
            publish(exchange, routingKey, message, null).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while waiting for a confirm", e);
        } catch (ExecutionException e) {
            throw new PublishFailedException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailedException("no confirm within " + timeout, e);
        }
    }

    public static class PublishFailedException extends RuntimeException {
        public PublishFailedException(String message) {
            super(message);
        }

        public PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
