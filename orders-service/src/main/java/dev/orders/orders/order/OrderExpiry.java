package dev.orders.orders.order;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sweeps orders PENDING for longer than the deadline (the reservation was lost to a bug, a long outage, a message
 * dead-lettered) into REJECTED / EXPIRED. A backlog (after an outage) is drained in batches back to back, each one
 * transaction, until nothing is due. Several instances may sweep at once: each order is ended by one conditional
 * update, so only one of them wins it.
 */
@Component
class OrderExpiry {

    private static final Logger log = LoggerFactory.getLogger(OrderExpiry.class);
    // orders per transaction: few enough that on SQLite (one writer) the others wait tens of milliseconds at most
    private static final int BATCH = 500;

    private final OrderEndings endings;
    private final Duration deadline;

    OrderExpiry(OrderEndings endings, @Value("${orders.pending-timeout}") Duration deadline) {
        this.endings = endings;
        this.deadline = deadline;
    }

    @Scheduled(fixedDelayString = "${orders.expiry-sweep-interval}", initialDelayString = "${orders.expiry-sweep-interval}")
    void sweep() {
        long expired = 0;
        try {
            long createdBefore = System.currentTimeMillis() - deadline.toMillis();
            int batch;
            do {
                batch = endings.expirePendingCreatedBefore(createdBefore, BATCH);
                expired += batch;
            } while (batch == BATCH);
        } catch (RuntimeException e) {
            log.warn("Expiry sweep failed, will try again: {}", e.toString());
        }
        if (expired > 0) {
            log.info("Expired {} orders pending for more than {}", expired, deadline);
        }
    }
}
