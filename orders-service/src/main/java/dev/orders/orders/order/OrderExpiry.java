package dev.orders.orders.order;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sweeps orders PENDING for longer than the deadline (the reservation was lost to a bug, a long outage, a message
 * dead-lettered) into REJECTED / EXPIRED. Several instances may sweep at once: each order is ended by one
 * conditional update, so only one of them wins it.
 */
@Component
class OrderExpiry {

    private static final Logger log = LoggerFactory.getLogger(OrderExpiry.class);

    private final Orders orders;
    private final OrderEndings endings;
    private final Duration deadline;

    OrderExpiry(Orders orders, OrderEndings endings, @Value("${orders.pending-timeout}") Duration deadline) {
        this.orders = orders;
        this.endings = endings;
        this.deadline = deadline;
    }

    @Scheduled(fixedDelayString = "${orders.expiry-sweep-interval}", initialDelayString = "${orders.expiry-sweep-interval}")
    void sweep() {
        try {
            List<String> due = orders.pendingCreatedBefore(System.currentTimeMillis() - deadline.toMillis(), 200);
            int expired = (int) due.stream().filter(endings::expire).count();
            if (expired > 0) {
                log.info("Expired {} orders pending for more than {}", expired, deadline);
            }
        } catch (RuntimeException e) {
            log.warn("Expiry sweep failed, will try again: {}", e.toString());
        }
    }
}
