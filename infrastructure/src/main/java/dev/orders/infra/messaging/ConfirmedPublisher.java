package dev.orders.infra.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        // straight on the publisher connection's factory, the one with confirms and returns (see
        // MessagingAutoConfiguration): the template checks for them on the factory it was given
        ConnectionFactory publisher = connectionFactory.getPublisherConnectionFactory();
        RabbitTemplate template = new RabbitTemplate(publisher != null ? publisher : connectionFactory);
        template.setMandatory(mandatory);
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

    /** One message of a batch. */
    public record Outgoing(String exchange, String routingKey, Message message, String correlationId) {
    }

    /**
     * Publishes a batch on one channel (one checkout from the channel cache for the whole batch, instead of one per
     * message: a channel with confirms outstanding goes back to the cache only when they arrive, so per-message
     * checkouts would keep opening channels). Each future completes as {@link #publish} describes.
     */
    public List<CompletableFuture<Void>> publishAll(List<Outgoing> batch) {
        List<CompletableFuture<Void>> futures = new ArrayList<>(java.util.Collections.nCopies(batch.size(), null));
        sendOn(mandatory, batch, futures, true);
        sendOn(optional, batch, futures, false);
        return futures;
    }

    private static void sendOn(RabbitTemplate template, List<Outgoing> batch, List<CompletableFuture<Void>> futures,
                               boolean toQueues) {
        List<Integer> mine = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).exchange().isEmpty() == toQueues) {
                mine.add(i);
            }
        }
        if (mine.isEmpty()) {
            return;
        }
        try {
            template.invoke(ops -> {
                for (int i : mine) {
                    Outgoing o = batch.get(i);
                    CorrelationData correlation = new CorrelationData(o.correlationId() == null
                            ? UUID.randomUUID().toString() : o.correlationId());
                    ops.send(o.exchange(), o.routingKey(), o.message(), correlation);
                    futures.set(i, outcome(correlation, o));
                }
                return null;
            });
        } catch (AmqpException e) {
            // what was not sent fails now; what was sent still completes with its confirm
            for (int i : mine) {
                if (futures.get(i) == null) {
                    futures.set(i, CompletableFuture.failedFuture(e));
                }
            }
        }
    }

    private static CompletableFuture<Void> outcome(CorrelationData correlation, Outgoing o) {
        return correlation.getFuture().thenApply(confirm -> {
            if (correlation.getReturned() != null) {
                throw new PublishFailedException("unroutable: " + o.exchange() + "/" + o.routingKey() + " ("
                        + correlation.getReturned().getReplyText() + ")");
            }
            if (!confirm.ack()) {
                throw new PublishFailedException("broker refused " + o.exchange() + "/" + o.routingKey() + ": "
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
