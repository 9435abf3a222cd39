package dev.orders.infra.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageContextTest {

    private static final Instant COMMITTED = Instant.parse("2026-11-28T10:15:30.123Z");

    @Test
    void theOutboxHeaderGivesTheEventTimeInMilliseconds() {
        Map<String, Object> headers = Map.of(MessageContext.EVENT_TIME_HEADER, COMMITTED.toEpochMilli());
        // the AMQP timestamp has whole seconds only
        Date amqp = Date.from(Instant.parse("2026-11-28T10:15:30Z"));

        assertThat(MessageContext.sentAt(headers, amqp)).isEqualTo(COMMITTED);
    }

    @Test
    void withoutTheHeaderTheAmqpTimestampIsUsedAndWithNeitherThereIsNone() {
        Date amqp = Date.from(Instant.parse("2026-11-28T10:15:30Z"));

        assertThat(MessageContext.sentAt(Map.of(), amqp)).isEqualTo(Instant.parse("2026-11-28T10:15:30Z"));
        assertThat(MessageContext.sentAt(Map.of(MessageContext.EVENT_TIME_HEADER, "soon"), null))
                .isNull();
    }
}
