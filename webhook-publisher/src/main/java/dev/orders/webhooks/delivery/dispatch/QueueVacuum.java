package dev.orders.webhooks.delivery.dispatch;

import dev.orders.infra.Periodic;
import dev.orders.infra.Upkeep;
import dev.orders.webhooks.delivery.DeliveryProperties;
import org.springframework.stereotype.Component;

/**
 * Vacuums the deliveries table every {@code WEBHOOK_VACUUM_INTERVAL}: the table is a queue, and the dead row versions
 * and index entries it leaves behind are walked over by every claim until a vacuum removes them. Autovacuum does this
 * where it runs keenly enough; this keeps the claim's cost independent of that (see docs/architecture.md, Decisions).
 */
@Component
class QueueVacuum extends Upkeep {

    private final DeliveryQueue queue;
    private final DeliveryProperties properties;

    QueueVacuum(DeliveryQueue queue, DeliveryProperties properties) {
        super("deliveries-vacuum", 1);
        this.queue = queue;
        this.properties = properties;
    }

    @Override
    protected void schedule(Periodic periodic) {
        if (properties.vacuumInterval().isPositive()) {
            periodic.every(
                    properties.vacuumInterval(),
                    properties.vacuumInterval(),
                    "vacuum the deliveries table",
                    queue::vacuum);
        }
    }
}
