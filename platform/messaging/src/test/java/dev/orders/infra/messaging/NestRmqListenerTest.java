package dev.orders.infra.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import dev.orders.contracts.CreateOrder;
import dev.orders.contracts.Destinations;
import dev.orders.contracts.GetOrder;
import dev.orders.contracts.ReservationOutcome;
import dev.orders.infra.json.WireJson;
import dev.orders.infra.observability.TraceHeaders;
import dev.orders.infra.test.RecordingTracing;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;

/** The listener's guard, driven with a mock channel and a publisher that records what it is asked to park. */
class NestRmqListenerTest {

    static final String QUEUE = "orders_queue";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final long TAG = 7;

    record Parked(String routingKey, Message message) {
        String header(String name) {
            Object value = message.getMessageProperties().getHeaders().get(name);
            return value == null ? null : value.toString();
        }
    }

    static class Handlers {
        final List<MessageContext> seen = new ArrayList<>();
        /** The trace and span current in each handler call, and the order id in the trace's baggage. */
        final List<String> traceIds = new ArrayList<>();

        final List<String> spanIds = new ArrayList<>();
        final List<String> orderIds = new ArrayList<>();
        Tracer tracer;
        RuntimeException failure;

        void observe() {
            Span span = tracer.currentSpan();
            traceIds.add(span.context().traceId());
            spanIds.add(span.context().spanId());
            io.micrometer.tracing.Baggage orderId = tracer.getBaggage(TraceHeaders.ORDER_ID);
            orderIds.add(orderId == null ? null : orderId.get());
        }

        @MessagePattern("orders.get")
        Map<String, String> get(GetOrder query, MessageContext context) {
            seen.add(context);
            observe();
            if (failure != null) {
                throw failure;
            }
            return Map.of("id", query.id());
        }

        @MessagePattern("orders.create")
        String create(CreateOrder command) {
            return "created";
        }

        @EventPattern("product.stockReserved")
        void reserved(ReservationOutcome event) {
            observe();
        }
    }

    final List<Parked> parked = new ArrayList<>();
    final Channel channel = mock(Channel.class);
    final Handlers handlers = new Handlers();
    final RecordingTracing tracing = new RecordingTracing();
    boolean brokerRefuses;
    boolean metricsBroken;
    NestRmqListener listener;

    @BeforeEach
    void setUp() {
        ConfirmedPublisher publisher = new ConfirmedPublisher(mock(ConnectionFactory.class)) {
            @Override
            public void publishAndWait(String exchange, String routingKey, Message message, Duration timeout) {
                if (brokerRefuses) {
                    throw new PublishFailedException("broker refused");
                }
                parked.add(new Parked(routingKey, message));
            }
        };
        MessagingProperties properties = new MessagingProperties(
                List.of(QUEUE),
                List.of(),
                "events",
                List.of(),
                10,
                1,
                List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)),
                3,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                DataSize.ofKilobytes(64));
        handlers.tracer = tracing.tracer();
        HandlerRegistry registry = new HandlerRegistry();
        registry.postProcessAfterInitialization(handlers, "handlers");
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        listener = new NestRmqListener(
                registry,
                new FailureRouter(publisher, properties, clock),
                properties,
                new SimpleMeterRegistry() {
                    @Override
                    public Timer timer(String name, String... tags) {
                        if (metricsBroken) {
                            throw new IllegalStateException("metrics are broken");
                        }
                        return super.timer(name, tags);
                    }
                },
                new TraceHeaders(tracing.tracer(), tracing.propagator()),
                clock);
    }

    static Message message(String body, Map<String, Object> headers) {
        return message(body.getBytes(StandardCharsets.UTF_8), headers);
    }

    static Message message(byte[] body, Map<String, Object> headers) {
        MessageProperties props = new MessageProperties();
        props.setConsumerQueue(QUEUE);
        props.setDeliveryTag(TAG);
        props.getHeaders().putAll(headers);
        return new Message(body, props);
    }

    static Message request(String body) {
        Message m = message(body, Map.of());
        m.getMessageProperties().setReplyTo("amq.rabbitmq.reply-to.abc");
        m.getMessageProperties().setCorrelationId("c1");
        return m;
    }

    Parked onlyDeadLetter() {
        assertThat(parked).hasSize(1);
        assertThat(parked.getFirst().routingKey()).isEqualTo(Destinations.deadLetterQueue(QUEUE));
        return parked.getFirst();
    }

    String deadLetterReason() {
        return onlyDeadLetter().header(Destinations.DEAD_LETTER_REASON_HEADER);
    }

    JsonNode reply() throws Exception {
        ArgumentCaptor<byte[]> body = ArgumentCaptor.forClass(byte[].class);
        verify(channel)
                .basicPublish(eq(""), eq("amq.rabbitmq.reply-to.abc"), any(AMQP.BasicProperties.class), body.capture());
        return WireJson.mapper().readTree(body.getValue());
    }

    @Test
    void continuesTheTraceOfATraceparentHeaderInAConsumerSpanNamedByThePattern() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String senderSpanId = "00f067aa0ba902b7";
        listener.onMessage(
                message(
                        "{\"pattern\":\"orders.get\",\"data\":{\"id\":\"a\"},\"id\":\"r1\"}",
                        Map.of("traceparent", "00-" + traceId + "-" + senderSpanId + "-01")),
                channel);

        assertThat(handlers.traceIds).containsExactly(traceId);
        SpanData consumer = tracing.finished().getLast();
        assertThat(consumer.getTraceId()).isEqualTo(traceId);
        assertThat(consumer.getParentSpanId()).isEqualTo(senderSpanId);
        assertThat(consumer.getSpanId()).isEqualTo(handlers.spanIds.getFirst());
        assertThat(consumer.getName()).isEqualTo("orders.get");
        assertThat(consumer.getKind()).isEqualTo(io.opentelemetry.api.trace.SpanKind.CONSUMER);
        assertThat(consumer.getAttributes().asMap())
                .containsEntry(io.opentelemetry.api.common.AttributeKey.stringKey("outcome"), "handled");
    }

    @Test
    void aMessageWithoutTraceHeadersStartsANewTrace() throws Exception {
        listener.onMessage(
                message("{\"pattern\":\"orders.get\",\"data\":{\"id\":\"a\"},\"id\":\"r1\"}", Map.of()), channel);
        listener.onMessage(
                message("{\"pattern\":\"orders.get\",\"data\":{\"id\":\"b\"},\"id\":\"r2\"}", Map.of()), channel);

        assertThat(handlers.traceIds).hasSize(2).doesNotHaveDuplicates().allMatch(id -> id.matches("[0-9a-f]{32}"));
        assertThat(tracing.finished())
                .hasSize(2)
                .allSatisfy(span ->
                        assertThat(span.getParentSpanContext().isValid()).isFalse());
    }

    @Test
    void anOrderIdInTheDataIsPutInTheBaggageAndTaggedOnTheSpan() throws Exception {
        listener.onMessage(
                message(
                        "{\"pattern\":\"product.stockReserved\",\"data\":{\"orderId\":\"o-42\",\"approved\":true}}",
                        Map.of()),
                channel);

        assertThat(handlers.orderIds).containsExactly("o-42");
        assertThat(tracing.finished().getLast().getAttributes().asMap())
                .containsEntry(io.opentelemetry.api.common.AttributeKey.stringKey("orderId"), "o-42");
    }

    @Test
    void deadLettersAndAcknowledgesAnEnvelopeWhoseIdIsAnObject() throws Exception {
        listener.onMessage(
                message("{\"pattern\":\"orders.get\",\"data\":{\"id\":\"x\"},\"id\":{}}", Map.of()), channel);

        assertThat(deadLetterReason()).isEqualTo("id must be a string, not an object");
        verify(channel).basicAck(TAG, false);
    }

    @Test
    void handlesAMessageWithAVoidHeader() throws Exception {
        Map<String, Object> headers = new HashMap<>();
        headers.put("x-void", null);
        listener.onMessage(
                message("{\"pattern\":\"orders.get\",\"data\":{\"id\":\"a\"},\"id\":\"r1\"}", headers), channel);

        assertThat(handlers.seen).hasSize(1);
        assertThat(handlers.seen.getFirst().headers()).containsEntry("x-void", null);
        assertThat(parked).isEmpty();
        verify(channel).basicAck(TAG, false);
    }

    @Test
    void deadLettersABodyOverTheLimitWithoutParsingIt() throws Exception {
        String tooLarge = "not json at all " + "x".repeat(64 * 1024);
        listener.onMessage(message(tooLarge, Map.of()), channel);

        Parked letter = onlyDeadLetter();
        assertThat(letter.header(Destinations.DEAD_LETTER_REASON_HEADER))
                .isEqualTo("body of " + tooLarge.length()
                        + " bytes is larger than the limit of 65536 bytes (MESSAGE_MAX_BYTES); not parsed");
        assertThat(letter.message().getBody()).hasSize(tooLarge.length());
        verify(channel).basicAck(TAG, false);
    }

    @Test
    void refusesAWrongTypeAsPoisonNamingTheField() throws Exception {
        listener.onMessage(
                request("{\"pattern\":\"orders.create\",\"data\":{\"items\":[{\"productId\":\"p\","
                        + "\"quantity\":\"1\"}]},\"id\":\"r1\"}"),
                channel);

        assertThat(deadLetterReason()).startsWith("data.items[0].quantity does not match CreateOrder: ");
        assertThat(reply().path("err").path("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(reply().path("err").path("message").asString()).contains("data.items[0].quantity");
        verify(channel).basicAck(TAG, false);
    }

    @Test
    void refusesANumberWhereTextBelongs() throws Exception {
        listener.onMessage(request("{\"pattern\":\"orders.get\",\"data\":{\"id\":123},\"id\":\"r1\"}"), channel);

        assertThat(handlers.seen).isEmpty();
        assertThat(deadLetterReason()).startsWith("data.id does not match GetOrder: ");
    }

    @Test
    void refusesDataThatIsNotAnObject() throws Exception {
        listener.onMessage(message("{\"pattern\":\"product.stockReserved\",\"data\":[1,2]}", Map.of()), channel);

        assertThat(deadLetterReason()).isEqualTo("data must be a JSON object, not an array");
    }

    @Test
    void deadLettersWhatBreaksTheHandlingItselfAndKeepsGoing() throws Exception {
        metricsBroken = true;
        listener.onMessage(
                message("{\"pattern\":\"product.stockReserved\",\"data\":{\"orderId\":\"o\"}}", Map.of()), channel);

        assertThat(deadLetterReason()).isEqualTo("could not be handled: IllegalStateException: metrics are broken");
        verify(channel).basicAck(TAG, false);
    }

    @Test
    void deadLettersAtOnceWhatTheDatabaseRefusesAsData() throws Exception {
        handlers.failure = new DataIntegrityViolationException(
                "insert failed", new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));
        listener.onMessage(
                message("{\"pattern\":\"orders.get\",\"data\":{\"id\":\"a\"},\"id\":\"r1\"}", Map.of()), channel);

        assertThat(deadLetterReason())
                .startsWith("the database refused the data: ")
                .contains("0x00");
    }

    @Test
    void retriesWhatFailsForAPassingReason() throws Exception {
        handlers.failure = new IllegalStateException("lock busy");
        listener.onMessage(
                message("{\"pattern\":\"orders.get\",\"data\":{\"id\":\"a\"},\"id\":\"r1\"}", Map.of()), channel);

        assertThat(parked).hasSize(1);
        assertThat(parked.getFirst().routingKey()).isEqualTo(QUEUE + ".retry.1000ms");
        assertThat(parked.getFirst().message().getMessageProperties().getExpiration())
                .isNull();
    }

    @Test
    void dropsARequestWhoseSenderHasGivenUpWithoutHandlingIt() throws Exception {
        listener.onMessage(
                message(
                        "{\"pattern\":\"orders.get\",\"data\":{\"id\":\"a\"},\"id\":\"r1\"}",
                        Map.of(FailureRouter.EXPIRES_AT_HEADER, NOW.toEpochMilli() - 1)),
                channel);

        assertThat(handlers.seen).isEmpty();
        assertThat(parked).isEmpty();
        verify(channel).basicAck(TAG, false);
    }

    @Test
    void aRetryCopyKeepsTheRemainingTimeToLive() throws Exception {
        handlers.failure = new IllegalStateException("lock busy");
        Message m = message(
                "{\"pattern\":\"orders.get\",\"data\":{\"id\":\"a\"},\"id\":\"r1\"}",
                Map.of(FailureRouter.EXPIRES_AT_HEADER, NOW.toEpochMilli() + 3_000));
        m.getMessageProperties().setExpiration("5000");
        listener.onMessage(m, channel);

        MessageProperties copy = parked.getFirst().message().getMessageProperties();
        assertThat(copy.getExpiration()).isEqualTo("3000");
        assertThat(copy.getHeaders()).containsEntry(FailureRouter.EXPIRES_AT_HEADER, NOW.toEpochMilli() + 3_000);
    }

    @Test
    void aRetryCopyCountsAnExpirationFromTheTimestamp() throws Exception {
        handlers.failure = new IllegalStateException("lock busy");
        Message m = message("{\"pattern\":\"orders.get\",\"data\":{\"id\":\"a\"},\"id\":\"r1\"}", Map.of());
        m.getMessageProperties().setExpiration("5000");
        m.getMessageProperties().setTimestamp(Date.from(NOW.minusSeconds(2)));
        listener.onMessage(m, channel);

        MessageProperties copy = parked.getFirst().message().getMessageProperties();
        assertThat(copy.getExpiration()).isEqualTo("3000");
        assertThat(copy.getHeaders()).containsEntry(FailureRouter.EXPIRES_AT_HEADER, NOW.toEpochMilli() + 3_000);
    }

    @Test
    void doesNotRetryARequestPastItsDeadline() throws Exception {
        handlers.failure = new IllegalStateException("lock busy");
        Message m = message("{\"pattern\":\"orders.get\",\"data\":{\"id\":\"a\"},\"id\":\"r1\"}", Map.of());
        m.getMessageProperties().setExpiration("5000");
        m.getMessageProperties().setTimestamp(Date.from(NOW.minusSeconds(6)));
        listener.onMessage(m, channel);

        assertThat(handlers.seen).hasSize(1);
        assertThat(parked).isEmpty();
        verify(channel).basicAck(TAG, false);
    }

    @Test
    void aDeadLetteredCopyDoesNotExpireAndSharesTheBody() throws Exception {
        Message m = message("{\"pattern\":\"no.such\",\"data\":{}}", Map.of());
        m.getMessageProperties().setExpiration("5000");
        listener.onMessage(m, channel);

        Parked letter = onlyDeadLetter();
        assertThat(letter.message().getMessageProperties().getExpiration()).isNull();
        assertThat(letter.header(FailureRouter.ORIGINAL_EXPIRATION_HEADER)).isEqualTo("5000");
        assertThat(letter.message().getBody()).isSameAs(m.getBody());
    }

    @Test
    void clampsRetryCountsASenderMadeUp() throws Exception {
        handlers.failure = new IllegalStateException("lock busy");
        listener.onMessage(
                message(
                        "{\"pattern\":\"orders.get\",\"data\":{\"id\":\"a\"},\"id\":\"r1\"}",
                        Map.of(FailureRouter.RETRY_COUNT_HEADER, -1_000_000)),
                channel);
        assertThat(parked.getFirst().routingKey()).isEqualTo(QUEUE + ".retry.1000ms");

        parked.clear();
        listener.onMessage(
                message(
                        "{\"pattern\":\"orders.get\",\"data\":{\"id\":\"a\"},\"id\":\"r1\"}",
                        Map.of(FailureRouter.RETRY_COUNT_HEADER, Long.MAX_VALUE)),
                channel);
        assertThat(deadLetterReason()).startsWith("failed 2147483647 times");
    }

    @Test
    void requeuesAMessageWhoseCopyCannotBeParked() throws Exception {
        brokerRefuses = true;
        listener.onMessage(
                message("{\"pattern\":\"orders.get\",\"data\":{\"id\":\"x\"},\"id\":[]}", Map.of()), channel);

        verify(channel).basicNack(TAG, false, true);
        verify(channel, never()).basicAck(anyLong(), anyBoolean());
        verify(channel, never())
                .basicPublish(anyString(), anyString(), any(AMQP.BasicProperties.class), any(byte[].class));
    }
}
