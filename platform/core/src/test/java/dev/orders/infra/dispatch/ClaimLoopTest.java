package dev.orders.infra.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClaimLoopTest {

    private final AtomicInteger rounds = new AtomicInteger();
    private ClaimLoop loop;

    private ClaimLoop start(Duration poll, Runnable round) {
        loop = new ClaimLoop("test-loop", "run a test round", poll, Duration.ZERO, Clock.systemUTC(), round);
        loop.start();
        return loop;
    }

    @AfterEach
    void stop() {
        loop.stop(Duration.ofSeconds(1), null);
    }

    @Test
    void runsARoundAtStartAndWhenWoken() {
        start(Duration.ofHours(1), rounds::incrementAndGet);
        await().until(() -> rounds.get() == 1);

        loop.wake();

        await().until(() -> rounds.get() == 2);
    }

    @Test
    void runsARoundAtTheTimeItWasGiven() {
        start(Duration.ofHours(1), rounds::incrementAndGet);
        await().until(() -> rounds.get() == 1);

        loop.wakeAt(Clock.systemUTC().instant().plusMillis(200));

        await().atMost(Duration.ofSeconds(5)).until(() -> rounds.get() == 2);
    }

    @Test
    void pollsAndKeepsGoingAfterARoundThatFailed() {
        start(Duration.ofMillis(20), () -> {
            rounds.incrementAndGet();
            throw new IllegalStateException("the database is away");
        });

        await().until(() -> rounds.get() >= 3);
        assertThat(loop.isRunning()).isTrue();
    }

    @Test
    void stoppingWaitsForTheWorkInHandAndCutsShortWhatOutlastsTheGrace() throws InterruptedException {
        start(Duration.ofHours(1), () -> {});
        CountDownLatch cut = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        loop.execute(() -> {
            try {
                cut.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.incrementAndGet();
        });

        loop.stop(Duration.ofMillis(100), cut::countDown);

        assertThat(finished.get()).isEqualTo(1);
        assertThat(loop.isRunning()).isFalse();
    }
}
