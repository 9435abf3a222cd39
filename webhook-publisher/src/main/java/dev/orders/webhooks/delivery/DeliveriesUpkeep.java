package dev.orders.webhooks.delivery;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The delivery tables' upkeep, each task on its own timer thread so a long purge never delays a vacuum.
 *
 * <p>Vacuum, every {@code vacuumInterval}: the deliveries table is a queue; every delivery leaves dead row versions
 * and, in the claim's partial index, dead entries that every claim walks over until a vacuum removes them (a claim
 * over 73,000 of them read 1,440 pages and took 6–8 ms; after a vacuum, 9 pages). Autovacuum does this where it runs
 * and is set keenly enough; this makes the claim's cost independent of that. {@code SKIP_LOCKED}: an instance never
 * waits for another's vacuum.
 *
 * <p>Retention, every {@code retentionInterval} (the first a minute after start at the latest): see
 * {@link DeliveryRetention}.
 */
@Component
class DeliveriesUpkeep implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveriesUpkeep.class);

    private final Deliveries deliveries;
    private final DeliveryRetention retention;
    private final DeliveryProperties properties;
    private ScheduledExecutorService timers;

    DeliveriesUpkeep(Deliveries deliveries, DeliveryRetention retention, DeliveryProperties properties) {
        this.deliveries = deliveries;
        this.retention = retention;
        this.properties = properties;
    }

    @Override
    public void start() {
        timers = Executors.newScheduledThreadPool(2, Thread.ofPlatform().name("deliveries-upkeep-", 0).daemon()
                .factory());
        long vacuumEvery = properties.vacuumInterval().toMillis();
        if (vacuumEvery > 0) {
            timers.scheduleWithFixedDelay(() -> safely("vacuum the deliveries table", deliveries::vacuum),
                    vacuumEvery, vacuumEvery, TimeUnit.MILLISECONDS);
        }
        if (!properties.retention().isZero()) {
            long purgeEvery = properties.retentionInterval().toMillis();
            // the first soon after start, away from the start-up's own work
            long first = Math.min(purgeEvery, Duration.ofMinutes(1).toMillis());
            timers.scheduleWithFixedDelay(() -> safely("delete the old webhook history", retention::purgeExpired),
                    first, purgeEvery, TimeUnit.MILLISECONDS);
        }
    }

    private static void safely(String what, Runnable task) {
        try {
            long started = System.nanoTime();
            task.run();
            log.debug("Did {} in {} ms", what, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (RuntimeException e) {
            log.warn("Could not {}: {}", what, e.toString());
        }
    }

    @Override
    public void stop() {
        timers.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return timers != null && !timers.isShutdown();
    }
}
