package dev.orders.infra.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import dev.orders.contracts.ErrorCodes;
import dev.orders.infra.json.WireJson;
import dev.orders.infra.observability.TraceHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.BaggageInScope;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.io.IOException;
import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import tools.jackson.databind.JsonNode;

/**
 * The one consumer every service runs: decodes the NestJS envelope, dispatches by pattern, replies on the request's
 * {@code replyTo} with its {@code correlationId}, and acknowledges only after the handler returned (the handler
 * commits its own transaction first, so delivery is at-least-once). What cannot be handled is never lost and never
 * blocks the queue: poison goes to the dead-letter queue with a reason, failures are retried through delay queues a
 * bounded number of times, then dead-lettered.
 *
 * <p>Whatever a sender puts on the queue, the delivery ends acknowledged (handled, parked or dropped as expired) or
 * requeued because its copy could not be parked: the whole handling sits inside one guard, a body larger than
 * {@code MESSAGE_MAX_BYTES} is dead-lettered without being parsed, and anything unexpected is dead-lettered with
 * its reason. Only a failure of the consumer's own channel escapes, and then the broker redelivers.
 *
 * <p>Each delivery is a consumer span continuing the trace in its headers ({@link TraceHeaders}), or the first span
 * of a new trace when the sender sent none (a NestJS client); a message naming an {@code orderId} puts it in the
 * trace's baggage, so the logs and the messages the handler causes carry it too.
 */
public class NestRmqListener implements ChannelAwareMessageListener {

    private static final Logger log = LoggerFactory.getLogger(NestRmqListener.class);

    private final HandlerRegistry registry;
    private final FailureRouter failures;
    private final MessagingProperties properties;
    private final MeterRegistry meters;
    private final TraceHeaders tracing;
    private final Clock clock;

    public NestRmqListener(
            HandlerRegistry registry,
            FailureRouter failures,
            MessagingProperties properties,
            MeterRegistry meters,
            TraceHeaders tracing) {
        this(registry, failures, properties, meters, tracing, Clock.systemUTC());
    }

    NestRmqListener(
            HandlerRegistry registry,
            FailureRouter failures,
            MessagingProperties properties,
            MeterRegistry meters,
            TraceHeaders tracing,
            Clock clock) {
        this.registry = registry;
        this.failures = failures;
        this.properties = properties;
        this.meters = meters;
        this.tracing = tracing;
        this.clock = clock;
    }

    @Override
    public void onMessage(Message message, Channel channel) throws IOException {
        MessageProperties props = message.getMessageProperties();
        long tag = props.getDeliveryTag();
        String queue = props.getConsumerQueue();
        Span span = tracing.continueFrom(props.getHeaders())
                .name(queue)
                .kind(Span.Kind.CONSUMER)
                .tag("messaging.system", "rabbitmq")
                .tag("messaging.destination.name", String.valueOf(queue))
                .start();
        Outcome outcome;
        try (Tracer.SpanInScope scope = tracing.tracer().withSpan(span)) {
            outcome = guarded(message, channel, queue);
        } catch (IOException | ShutdownSignalException e) {
            span.error(e);
            span.end();
            throw e; // the consumer's channel is gone: the broker redelivers what it had not acknowledged
        } catch (ConfirmedPublisher.PublishFailedException e) {
            // the dead-letter or retry copy is not safe yet: leave the original on the queue
            log.warn("Could not park a failed message from {} ({}); requeueing it", queue, e.getMessage());
            channel.basicNack(tag, false, true);
            span.error(e);
            span.end();
            return;
        } catch (RuntimeException | Error e) {
            // not even parking worked (or the JVM ran short of memory): requeue rather than lose it or leave it
            // unacknowledged, which in manual mode would hold it until the channel closes
            log.error("Could not handle or park a message from {}; requeueing it", queue, e);
            channel.basicNack(tag, false, true);
            span.error(e);
            span.end();
            return;
        }
        span.tag("outcome", outcome.name().toLowerCase());
        span.end();
        meters.counter(
                        "platform.messages",
                        "queue",
                        queue,
                        "outcome",
                        outcome.name().toLowerCase())
                .increment();
        channel.basicAck(tag, false);
    }

    private Outcome guarded(Message message, Channel channel, String queue) throws IOException {
        try {
            return handle(message, channel, queue, FailureRouter.attemptOf(message));
        } catch (ConfirmedPublisher.PublishFailedException | IOException | ShutdownSignalException e) {
            throw e;
        } catch (StackOverflowError e) {
            return unexpected(message, channel, queue, e);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            return unexpected(message, channel, queue, e);
        }
    }

    enum Outcome {
        HANDLED,
        REJECTED,
        RETRIED,
        DEAD_LETTERED,
        EXPIRED
    }

    /** The guard: a delivery that broke the handling itself is parked with the reason, and the consumer goes on. */
    private Outcome unexpected(Message message, Channel channel, String queue, Throwable e) {
        String reason = "could not be handled: " + FailureRouter.describe(e);
        log.error("Dead-lettering a message from {} that {}", queue, reason, e);
        MessageProperties props = message.getMessageProperties();
        if (props.getReplyTo() != null && props.getCorrelationId() != null) {
            try {
                reply(channel, props, NestEnvelope.errorReply(NestEnvelope.INTERNAL_ERROR_MESSAGE, null, null));
            } catch (IOException | RuntimeException replyFailed) {
                log.debug("No error reply sent for the message from {}: {}", queue, replyFailed.toString());
            }
        }
        failures.deadLetter(message, queue, reason, FailureRouter.attemptOf(message));
        return Outcome.DEAD_LETTERED;
    }

    private Outcome handle(Message message, Channel channel, String queue, int attempt) throws IOException {
        MessageProperties props = message.getMessageProperties();
        Long expiresAt = FailureRouter.expiresAt(props);
        if (expiresAt != null && clock.millis() > expiresAt) {
            // the sender answered its caller without us (a gateway 504): acting now would be acting late
            log.debug("Dropping an expired request from {} (sender gave up at {})", queue, expiresAt);
            return Outcome.EXPIRED;
        }
        long maxBytes = properties.messageMaxBytes().toBytes();
        if (message.getBody().length > maxBytes) {
            String reason = "body of " + message.getBody().length + " bytes is larger than the limit of " + maxBytes
                    + " bytes (MESSAGE_MAX_BYTES); not parsed";
            log.warn("Dead-lettering message from {}: {}", queue, reason);
            failures.deadLetter(message, queue, reason, attempt);
            return Outcome.DEAD_LETTERED;
        }
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
        Span span = tracing.tracer().currentSpan();
        if (span != null) {
            span.name(in.route());
        }
        String orderId = orderIdOf(in);
        if (orderId != null && span != null) {
            span.tag(TraceHeaders.ORDER_ID, orderId);
        }
        Map<String, Object> headers = copy(props.getHeaders());
        MessageContext context = new MessageContext(
                in.route(),
                in.id(),
                props.getMessageId(),
                Boolean.TRUE.equals(props.isRedelivered()),
                attempt,
                headers,
                MessageContext.sentAt(headers, props.getTimestamp()));
        Timer.Sample sample = Timer.start(meters);
        try (BaggageInScope baggage = orderId == null
                ? BaggageInScope.NOOP
                : tracing.tracer().createBaggageInScope(TraceHeaders.ORDER_ID, orderId)) {
            Object result = handler.invoke(in.data(), context, WireJson.mapper());
            if (in.request()) {
                reply(channel, props, NestEnvelope.reply(result));
            }
            return Outcome.HANDLED;
        } catch (InvalidMessageException | PoisonMessageException e) {
            if (in.request()) {
                Object details = e instanceof InvalidMessageException invalid ? invalid.violations() : null;
                reply(
                        channel,
                        props,
                        NestEnvelope.errorReply(
                                e.getMessage(),
                                e instanceof RpcException rpc ? rpc.code() : ErrorCodes.VALIDATION_FAILED,
                                details));
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
            if (FailureRouter.isDataError(e)) {
                String reason = "the database refused the data: " + FailureRouter.describe(e);
                if (in.request()) {
                    reply(channel, props, NestEnvelope.errorReply(reason, ErrorCodes.VALIDATION_FAILED, null));
                }
                log.warn("Dead-lettering {} from {}: {}", in.route(), queue, reason);
                failures.deadLetter(message, queue, reason, attempt);
                return Outcome.DEAD_LETTERED;
            }
            if (attempt < properties.maxAttempts()) {
                log.warn(
                        "Handler for {} failed (attempt {} of {}), retrying in {}: {}",
                        in.route(),
                        attempt,
                        properties.maxAttempts(),
                        properties.retryDelay(attempt),
                        FailureRouter.describe(e));
                if (!failures.retryLater(message, queue, attempt, e)) {
                    log.debug("Not retrying {} from {}: its sender gave up on it", in.route(), queue);
                    return Outcome.EXPIRED;
                }
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

    private static String orderIdOf(Incoming in) {
        JsonNode id = in.data() == null ? null : in.data().get(TraceHeaders.ORDER_ID);
        return id != null && id.isString() ? id.asString() : null;
    }

    /** AMQP allows void (null) header values, which {@code Map.copyOf} refuses. */
    private static Map<String, Object> copy(Map<String, Object> headers) {
        return headers.isEmpty() ? Map.of() : Collections.unmodifiableMap(new HashMap<>(headers));
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
