package dev.orders.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicTest {

    private static final Duration OFTEN = Duration.ofMillis(5);

    @Test
    void runsATaskAgainAfterARunThatFailed() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch thirdRun = new CountDownLatch(3);
        try (Periodic periodic = Periodic.start("test-periodic", 1)) {
            periodic.every(OFTEN, Duration.ZERO, "fail every other run", () -> {
                thirdRun.countDown();
                if (runs.incrementAndGet() % 2 == 1) {
                    throw new IllegalStateException("boom");
                }
            });
            assertThat(thirdRun.await(10, TimeUnit.SECONDS))
                    .as("ran after its failures")
                    .isTrue();
        }
    }

    @Test
    void aLongRunDoesNotDelayAnotherTaskOnItsOwnThread() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch longRunStarted = new CountDownLatch(1);
        CountDownLatch shortRuns = new CountDownLatch(3);
        try (Periodic periodic = Periodic.start("test-periodic", 2)) {
            periodic.every(Duration.ofHours(1), Duration.ZERO, "hold its thread", () -> {
                longRunStarted.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(longRunStarted.await(10, TimeUnit.SECONDS)).isTrue();
            periodic.every(OFTEN, Duration.ZERO, "count", shortRuns::countDown);
            assertThat(shortRuns.await(10, TimeUnit.SECONDS))
                    .as("ran while the other held its thread")
                    .isTrue();
            release.countDown();
        }
    }

    @Test
    void closingStopsItAndInterruptsARunInProgress() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Periodic periodic = Periodic.start("test-periodic", 1);
        periodic.every(Duration.ofHours(1), Duration.ZERO, "wait to be interrupted", () -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        periodic.close();

        assertThat(periodic.isRunning()).isFalse();
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void runsFirstSoonAfterStartOrAfterItsIntervalIfShorter() {
        assertThat(Periodic.soonAfterStart(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(1));
        assertThat(Periodic.soonAfterStart(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
    }
}
