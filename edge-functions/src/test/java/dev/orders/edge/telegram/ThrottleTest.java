package dev.orders.edge.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ThrottleTest {

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2025-11-27T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock = new MovableClock();
    final Throttle throttle = new Throttle(clock, Duration.ofSeconds(1), 30);

    @Test
    void letsOneMessagePerSecondToAChat() {
        assertThat(throttle.acquire(1)).isZero();
        assertThat(throttle.acquire(1)).isEqualTo(Duration.ofSeconds(1));

        clock.advance(Duration.ofMillis(400));
        assertThat(throttle.acquire(1)).isEqualTo(Duration.ofMillis(600));
        assertThat(throttle.acquire(2)).as("another chat is not held up").isZero();

        clock.advance(Duration.ofMillis(600));
        assertThat(throttle.acquire(1)).isZero();
    }

    @Test
    void letsThirtyMessagesPerSecondOverall() {
        for (long chat = 0; chat < 30; chat++) {
            assertThat(throttle.acquire(chat)).isZero();
            clock.advance(Duration.ofMillis(10));
        }
        assertThat(throttle.acquire(100)).isEqualTo(Duration.ofMillis(700));

        clock.advance(Duration.ofMillis(700));
        assertThat(throttle.acquire(100)).isZero();
    }

    @Test
    void holdsAChatForItsRetryAfter() {
        throttle.pause(7, Duration.ofSeconds(5));

        assertThat(throttle.acquire(7)).isEqualTo(Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(5));
        assertThat(throttle.acquire(7)).isZero();
    }
}
