package dev.orders.webhooks.delivery;

import java.time.Duration;
import org.springframework.stereotype.Component;
import dev.orders.infra.Periodic;
import dev.orders.infra.Upkeep;
import dev.orders.webhooks.delivery.history.DeliveryRetention;

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
class DeliveriesUpkeep extends Upkeep {

    private final Deliveries deliveries;
    private final DeliveryRetention retention;
    private final DeliveryProperties properties;

    DeliveriesUpkeep(Deliveries deliveries, DeliveryRetention retention, DeliveryProperties properties) {
        super("deliveries-upkeep", 2);
        this.deliveries = deliveries;
        this.retention = retention;
        this.properties = properties;
    }

    @Override
    protected void schedule(Periodic periodic) {
        if (properties.vacuumInterval().isPositive()) {
            periodic.every(properties.vacuumInterval(), properties.vacuumInterval(), "vacuum the deliveries table",
                    deliveries::vacuum);
        }
        if (!properties.retention().isZero()) {
            Duration every = properties.retentionInterval();
            periodic.every(every, Periodic.soonAfterStart(every), "delete the old webhook history",
                    retention::purgeExpired);
        }
    }
}
