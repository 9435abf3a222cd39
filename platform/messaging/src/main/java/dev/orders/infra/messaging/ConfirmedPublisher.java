package dev.orders.infra.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.ReturnListener;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;

/**
 * Publishes with publisher confirms and mandatory routing on one long-lived channel of the connection factory's
 * separate publisher connection (so a blocked publisher never stalls consumers). A publish counts only when the
 * broker acks it and did not return it as unroutable.
 *
 * <p>The channel is the AMQP client's own, confirm-selected here, with its publish sequence numbers mapped to
 * futures: cheaper per message than Spring's correlated confirms (docs/architecture.md, Decisions). Publishes are
 * serialised on the channel (a socket write each); waiting for the confirms is not. A channel the broker closed (a broker
 * restart, a publish to a missing exchange) fails what it still had outstanding and is opened again on next use.
 */
public class ConfirmedPublisher {

    /** The publish sequence number, set on messages published mandatory to find the publish a return belongs to. */
    static final String RETURN_CORRELATION_HEADER = "x-publish-seq";

    private final ConnectionFactory connectionFactory;
    private final MessagePropertiesConverter converter = new DefaultMessagePropertiesConverter();
    private final ReentrantLock lock = new ReentrantLock();
    private Lane lane;

    public ConfirmedPublisher(ConnectionFactory connectionFactory) {
        ConnectionFactory publisher = connectionFactory.getPublisherConnectionFactory();
        this.connectionFactory = publisher != null ? publisher : connectionFactory;
    }

    /**
     * Completes normally on a positive confirm, exceptionally on nack, return, or a failed send. A message for the
     * default exchange (straight to a queue) must reach its queue; one for a topic exchange may have no subscriber,
     * which is not a failure: an event nobody listens to is simply not kept.
     */
    public CompletableFuture<Void> publish(String exchange, String routingKey, Message message) {
        return publishAll(List.of(new Outgoing(exchange, routingKey, message))).getFirst();
    }

    /** One message of a batch. */
    public record Outgoing(String exchange, String routingKey, Message message) {}

    /**
     * Publishes a batch in order on the channel. Each future completes as {@link #publish} describes; what could not
     * be sent fails at once, what was sent still completes with its confirm.
     */
    public List<CompletableFuture<Void>> publishAll(List<Outgoing> batch) {
        List<CompletableFuture<Void>> futures = new ArrayList<>(batch.size());
        RuntimeException broken = null;
        // a lock, not synchronized: a virtual thread waiting here (or writing to a slow socket) does not pin its
        // carrier thread
        lock.lock();
        try {
            for (Outgoing o : batch) {
                if (broken == null) {
                    try {
                        futures.add(open().send(o));
                        continue;
                    } catch (IOException | AmqpException | ShutdownSignalException e) {
                        broken = e instanceof RuntimeException r
                                ? r
                                : new PublishFailedException("cannot publish: " + e.getMessage(), e);
                        discardLane();
                    }
                }
                futures.add(CompletableFuture.failedFuture(broken));
            }
        } finally {
            lock.unlock();
        }
        return futures;
    }

    public void publishAndWait(String exchange, String routingKey, Message message, Duration timeout) {
        try {
            publish(exchange, routingKey, message).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while waiting for a confirm", e);
        } catch (ExecutionException e) {
            throw new PublishFailedException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailedException("no confirm within " + timeout, e);
        }
    }

    /** A channel a publish failed on is not trusted again: closing it fails what it had outstanding. */
    private void discardLane() {
        if (lane != null) {
            try {
                lane.channel.abort();
            } catch (IOException | RuntimeException ignored) {
                // closing anyway
            }
            lane = null;
        }
    }

    private Lane open() throws IOException {
        if (lane != null && lane.channel.isOpen()) {
            return lane;
        }
        Channel channel = connectionFactory.createConnection().getDelegate().createChannel();
        if (channel == null) {
            throw new IOException("no channel available on the publisher connection");
        }
        channel.confirmSelect();
        lane = new Lane(channel);
        return lane;
    }

    private static final class Pending {
        final CompletableFuture<Void> future = new CompletableFuture<>();
        final String exchange;
        final String routingKey;
        volatile String returned;

        Pending(String exchange, String routingKey) {
            this.exchange = exchange;
            this.routingKey = routingKey;
        }
    }

    /** One confirm-mode channel and what it has outstanding. */
    private final class Lane implements ConfirmListener, ReturnListener {
        final Channel channel;
        private final ConcurrentNavigableMap<Long, Pending> outstanding = new ConcurrentSkipListMap<>();

        Lane(Channel channel) {
            this.channel = channel;
            channel.addConfirmListener(this);
            channel.addReturnListener(this);
            channel.addShutdownListener(this::failOutstanding);
        }

        /** Called under the publisher's lock. */
        CompletableFuture<Void> send(Outgoing o) throws IOException {
            boolean toQueue = o.exchange().isEmpty();
            long seq = channel.getNextPublishSeqNo();
            MessageProperties properties = o.message().getMessageProperties();
            if (toQueue) {
                properties.setHeader(RETURN_CORRELATION_HEADER, seq);
            } else {
                properties.getHeaders().remove(RETURN_CORRELATION_HEADER);
            }
            AMQP.BasicProperties props = converter.fromMessageProperties(properties, StandardCharsets.UTF_8.name());
            Pending pending = new Pending(o.exchange(), o.routingKey());
            outstanding.put(seq, pending);
            try {
                channel.basicPublish(
                        o.exchange(),
                        o.routingKey(),
                        toQueue,
                        props,
                        o.message().getBody());
            } catch (IOException | RuntimeException e) {
                outstanding.remove(seq);
                throw e;
            }
            return pending.future;
        }

        @Override
        public void handleAck(long deliveryTag, boolean multiple) {
            settle(deliveryTag, multiple, true);
        }

        @Override
        public void handleNack(long deliveryTag, boolean multiple) {
            settle(deliveryTag, multiple, false);
        }

        private void settle(long deliveryTag, boolean multiple, boolean ack) {
            if (multiple) {
                ConcurrentNavigableMap<Long, Pending> head = outstanding.headMap(deliveryTag, true);
                for (Pending pending : head.values()) {
                    finish(pending, ack);
                }
                head.clear();
            } else {
                Pending pending = outstanding.remove(deliveryTag);
                if (pending != null) {
                    finish(pending, ack);
                }
            }
        }

        private void finish(Pending pending, boolean ack) {
            if (pending.returned != null) {
                pending.future.completeExceptionally(new PublishFailedException(
                        "unroutable: " + pending.exchange + "/" + pending.routingKey + " (" + pending.returned + ")"));
            } else if (!ack) {
                pending.future.completeExceptionally(new PublishFailedException(
                        "broker refused " + pending.exchange + "/" + pending.routingKey + ": nack"));
            } else {
                pending.future.complete(null);
            }
        }

        /** The broker sends a message's return before its confirm, on the same channel and thread. */
        @Override
        public void handleReturn(
                int replyCode,
                String replyText,
                String exchange,
                String routingKey,
                AMQP.BasicProperties properties,
                byte[] body) {
            Object seq = properties.getHeaders() == null
                    ? null
                    : properties.getHeaders().get(RETURN_CORRELATION_HEADER);
            Pending pending = seq instanceof Number n ? outstanding.get(n.longValue()) : null;
            if (pending != null) {
                pending.returned = replyText;
            }
        }

        private void failOutstanding(ShutdownSignalException cause) {
            PublishFailedException failure = new PublishFailedException(
                    "channel to the broker closed before the " + "confirm: " + cause.getMessage(), cause);
            for (Pending pending : outstanding.values()) {
                pending.future.completeExceptionally(failure);
            }
            outstanding.clear();
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
