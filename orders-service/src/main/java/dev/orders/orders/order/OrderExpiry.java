package dev.orders.orders.order;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sweeps orders PENDING for longer than the deadline (the reservation was lost to a bug, a long outage, a message
 * dead-lettered) into REJECTED / EXPIRED. A backlog (after an outage) is drained in batches back to back, each one
 * transaction, until nothing is due. Several instances may sweep at once: each order is ended by one conditional
 * update, so only one of them wins it. OrdersConfiguration runs it every {@code orders.expiry-sweep-interval}.
 */
@Component
public class OrderExpiry {

    private static final Logger log = LoggerFactory.getLogger(OrderExpiry.class);

    private final OrderEndings endings;
    private final Clock clock;
    private final Duration deadline;
    private final int batchSize;

    OrderExpiry(OrderEndings endings, Clock clock, OrderSettings settings) {
        this.endings = endings;
        this.clock = clock;
        this.deadline = settings.pendingTimeout();
        this.batchSize = settings.expiryBatchSize();
    }

    /** Ends every order that is due now; returns how many. A failure is logged and left to the next sweep. */
    public long sweep() {
        long expired = 0;
        try {
            long createdBefore = clock.millis() - deadline.toMillis();
            int batch;
            do {
                batch = endings.expirePendingCreatedBefore(createdBefore, batchSize);
                expired += batch;
            } while (batch == batchSize);
        } catch (RuntimeException e) {
            log.warn("Expiry sweep failed, will try again: {}", e.toString());
        }
        if (expired > 0) {
            log.info("Expired {} orders pending for more than {}", expired, deadline);
        }
        return expired;
    }
}
