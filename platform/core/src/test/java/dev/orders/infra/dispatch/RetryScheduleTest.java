package dev.orders.infra.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    static final List<Duration> SEED = List.of(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(16));

    @Test
    void theSeedScheduleIsFiveRetriesAfterTheFirstAttempt() {
        RetrySchedule schedule = RetrySchedule.of(SEED, null, Duration.ofHours(1));

        assertThat(schedule.maxAttempts()).isEqualTo(6);
        assertThat(List.of(1, 2, 3, 4, 5).stream()
                        .map(n -> schedule.delayAfter(n, null).orElseThrow()))
                .containsExactlyElementsOf(SEED);
        assertThat(schedule.delayAfter(6, null)).isEmpty();
    }

    @Test
    void fewerAttemptsThanDelaysStopEarly() {
        RetrySchedule schedule = RetrySchedule.of(SEED, 5, Duration.ofHours(1));

        assertThat(schedule.delayAfter(4, null)).contains(Duration.ofSeconds(8));
        assertThat(schedule.delayAfter(5, null)).isEmpty();
    }

    @Test
    void moreAttemptsThanDelaysRepeatTheLastDelay() {
        RetrySchedule schedule =
                RetrySchedule.of(List.of(Duration.ofSeconds(1), Duration.ofSeconds(5)), 5, Duration.ofHours(1));

        assertThat(schedule.delayAfter(3, null)).contains(Duration.ofSeconds(5));
        assertThat(schedule.delayAfter(4, null)).contains(Duration.ofSeconds(5));
        assertThat(schedule.delayAfter(5, null)).isEmpty();
    }

    @Test
    void retryAfterLengthensTheWaitButNeverShortensIt() {
        RetrySchedule schedule = RetrySchedule.of(SEED, null, Duration.ofMinutes(10));

        assertThat(schedule.delayAfter(1, Duration.ofSeconds(30))).contains(Duration.ofSeconds(30));
        assertThat(schedule.delayAfter(5, Duration.ofSeconds(3))).contains(Duration.ofSeconds(16));
        assertThat(schedule.delayAfter(1, Duration.ofDays(2))).contains(Duration.ofMinutes(10));
        assertThat(schedule.delayAfter(6, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void noDelaysMeansASingleAttempt() {
        assertThat(RetrySchedule.of(List.of(), null, Duration.ofHours(1)).maxAttempts())
                .isEqualTo(1);
        assertThatThrownBy(() -> RetrySchedule.of(List.of(), 3, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExponentialScheduleDoublesUpToItsCeilingWithAFifthOfJitter() {
        RetrySchedule schedule = RetrySchedule.exponential(Duration.ofSeconds(1), Duration.ofSeconds(5), 5);

        assertThat(schedule.delayAfter(1).orElseThrow()).isBetween(Duration.ofMillis(1000), Duration.ofMillis(1200));
        assertThat(schedule.delayAfter(2).orElseThrow()).isBetween(Duration.ofMillis(2000), Duration.ofMillis(2400));
        assertThat(schedule.delayAfter(4).orElseThrow()).isBetween(Duration.ofMillis(5000), Duration.ofMillis(6000));
        assertThat(schedule.delayAfter(5)).isEmpty();
        assertThat(schedule.exhaustedAfter(5)).isTrue();
        assertThat(schedule.delayAfter(2, Duration.ofMinutes(1)))
                .as("no Retry-After ceiling, none honoured")
                .get()
                .matches(d -> d.compareTo(Duration.ofMillis(2400)) <= 0);
    }

    @Test
    void anExponentialScheduleHasAtLeastOneAttempt() {
        assertThat(RetrySchedule.exponential(Duration.ofSeconds(1), Duration.ofSeconds(5), 0)
                        .maxAttempts())
                .isEqualTo(1);
    }
}
