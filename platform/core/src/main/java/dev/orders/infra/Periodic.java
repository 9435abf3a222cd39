package dev.orders.infra;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background upkeep on timer threads of its own (a table's vacuum, its retention): each task runs at a fixed delay
 * after the previous run ended, so runs never overlap; a failed run is logged and the task runs again next time.
 * Give it a thread per task that may run long, so one never delays another.
 */
public final class Periodic implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Periodic.class);

    private final ScheduledExecutorService timers;

    private Periodic(String name, int threads) {
        timers = Executors.newScheduledThreadPool(
                threads, Thread.ofPlatform().name(name + "-", 0).daemon().factory());
    }

    /** Timer threads named {@code name-0}, {@code name-1}, … */
    public static Periodic start(String name, int threads) {
        return new Periodic(name, threads);
    }

    /**
     * Runs {@code task} first after {@code first}, then {@code every} after each run ends; {@code what} names it in
     * the log ("vacuum the deliveries table").
     */
    public Periodic every(Duration every, Duration first, String what, Runnable task) {
        timers.scheduleWithFixedDelay(
                () -> {
                    try {
                        long started = System.nanoTime();
                        task.run();
                        log.debug("Did {} in {} ms", what, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                    } catch (RuntimeException e) {
                        log.warn("Could not {}: {}", what, e.toString());
                    }
                },
                first.toMillis(),
                every.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    /** When to run first a task that runs {@code every}: soon after start (a minute), away from the start's own work. */
    public static Duration soonAfterStart(Duration every) {
        return every.compareTo(Duration.ofMinutes(1)) < 0 ? every : Duration.ofMinutes(1);
    }

    public boolean isRunning() {
        return !timers.isShutdown();
    }

    /** Stops the timers; a run in progress is interrupted. */
    @Override
    public void close() {
        timers.shutdownNow();
    }
}
