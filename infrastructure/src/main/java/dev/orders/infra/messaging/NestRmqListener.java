package dev.orders.infra.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import dev.orders.infra.json.WireJson;

/**
 * The one consumer every service runs: decodes the NestJS envelope, dispatches by pattern, replies on the request's
 * {@code replyTo} with its {@code correlationId}, and acknowledges only after the handler returned (the handler
 * commits its own transaction first, so delivery is at-least-once). What cannot be handled is never lost and never
 * blocks the queue: poison goes to the dead-letter queue with a reason, failures are retried through delay queues a
 * bounded number of times, then dead-lettered.
 */
public class NestRmqListener implements ChannelAwareMessageListener {

    private static final Logger log = LoggerFactory.getLogger(NestRmqListener.class);

    private final HandlerRegistry registry;
    private final FailureRouter failures;
    private final MessagingProperties properties;
    private final MeterRegistry meters;

    public NestRmqListener(HandlerRegistry registry, FailureRouter failures, MessagingProperties properties,
                           MeterRegistry meters) {
        this.registry = registry;
        this.failures = failures;
        this.properties = properties;
        this.meters = meters;
    }

    @Override
    public void onMessage(Message message, Channel channel) throws IOException {
        MessageProperties props = message.getMessageProperties();
        long tag = props.getDeliveryTag();
        String queue = props.getConsumerQueue();
        int attempt = FailureRouter.attemptOf(message);
        try {
            Outcome outcome = handle(message, channel, queue, attempt);
            meters.counter("platform.messages", "queue", queue, "outcome", outcome.name().toLowerCase()).increment();
            channel.basicAck(tag, false);
        } catch (ConfirmedPublisher.PublishFailedException e) {
            // the dead-letter or retry copy is not safe yet: leave the original on the queue
            log.warn("Could not park a failed message from {} ({}); requeueing it", queue, e.getMessage());
            channel.basicNack(tag, false, true);
        }
    }

    enum Outcome { HANDLED, REJECTED, RETRIED, DEAD_LETTERED }

    private Outcome handle(Message message, Channel channel, String queue, int attempt) throws IOException {
        MessageProperties props = message.getMessageProperties();
        Incoming in;
        try {
            in = NestEnvelope.decode(message.getBody());
        } catch (PoisonMessageException e) {
            log.warn("Dead-lettering message from {}: {}", queue, e.getMessage());
            failures.deadLetter(message, queue, e.getMessage(), attempt);
            return Outcome.DEAD_LETTERED;
        }
        HandlerRegistry.Handler handler = in.request() ? registry.request(in.route()) : registry.event(in.route());
        if (handler == null) {
            if (in.request()) {
                reply(channel, props, NestEnvelope.noHandlerReply(in.id()));
            }
            String reason = "no handler for " + (in.request() ? "request" : "event") + " pattern " + in.route();
            log.warn("Dead-lettering message from {}: {}", queue, reason);
            failures.deadLetter(message, queue, reason, attempt);
            return Outcome.DEAD_LETTERED;
        }
        Map<String, Object> headers = Map.copyOf(props.getHeaders());
        MessageContext context = new MessageContext(in.route(), in.id(), props.getMessageId(),
                Boolean.TRUE.equals(props.isRedelivered()), attempt, headers,
                MessageContext.sentAt(headers, props.getTimestamp()));
        Timer.Sample sample = Timer.start(meters);
        try {
            Object result = handler.invoke(in.data(), context, WireJson.mapper());
            if (in.request()) {
                reply(channel, props, NestEnvelope.reply(result));
            }
            return Outcome.HANDLED;
        } catch (InvalidMessageException | PoisonMessageException e) {
            if (in.request()) {
                Object details = e instanceof InvalidMessageException invalid ? invalid.violations() : null;
                reply(channel, props, NestEnvelope.errorReply(e.getMessage(),
                        e instanceof RpcException rpc ? rpc.code() : "VALIDATION_FAILED", details));
            }
            log.warn("Dead-lettering {} from {}: {}", in.route(), queue, e.getMessage());
            failures.deadLetter(message, queue, e.getMessage(), attempt);
            return Outcome.DEAD_LETTERED;
        } catch (RpcException e) {
            if (in.request()) {
                reply(channel, props, NestEnvelope.errorReply(e.getMessage(), e.code(), e.details()));
                return Outcome.REJECTED;
            }
            log.warn("Dead-lettering event {} from {}: {}", in.route(), queue, e.getMessage());
            failures.deadLetter(message, queue, e.getMessage(), attempt);
            return Outcome.DEAD_LETTERED;
        } catch (Exception e) {
            if (attempt < properties.maxAttempts()) {
                log.warn("Handler for {} failed (attempt {} of {}), retrying in {}: {}", in.route(), attempt,
                        properties.maxAttempts(), properties.retryDelay(attempt), FailureRouter.describe(e));
                failures.retryLater(message, queue, attempt, e);
                return Outcome.RETRIED;
            }
            log.error("Handler for {} failed {} times; dead-lettering", in.route(), attempt, e);
            if (in.request()) {
                reply(channel, props, NestEnvelope.errorReply(NestEnvelope.INTERNAL_ERROR_MESSAGE, null, null));
            }
            failures.deadLetter(message, queue, "failed " + attempt + " times: " + FailureRouter.describe(e), attempt);
            return Outcome.DEAD_LETTERED;
        } finally {
            sample.stop(meters.timer("platform.handler", "route", handler.route()));
        }
    }

    /** Like a NestJS server: default exchange, routing key = replyTo, same correlationId, nothing else. */
    private static void reply(Channel channel, MessageProperties request, byte[] body) throws IOException {
        String replyTo = request.getReplyTo();
        if (replyTo == null || replyTo.isEmpty()) {
            return;
        }
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .correlationId(request.getCorrelationId())
                .contentType("application/json")
                .build();
        channel.basicPublish("", replyTo, props, body);
    }
}
