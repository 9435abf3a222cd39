package dev.orders.orders.order;

import dev.orders.contracts.Validation;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The {@code orders.*} settings; application.yml names their environment variables. */
@ConfigurationProperties("orders")
public record OrderSettings(
        // where reserveStock and releaseStock go
        String productsQueue,
        // a PENDING order older than this becomes REJECTED with reason EXPIRED
        Duration pendingTimeout,
        Duration expirySweepInterval,
        // orders per expiry transaction: few enough that on SQLite (one writer) the others wait briefly
        @DefaultValue("500") int expiryBatchSize,
        // owner of an orders.create that names none: trusted internal traffic
        String amqpDefaultOwner) {

    public OrderSettings {
        if (!Validation.ownerId(amqpDefaultOwner, "AMQP_DEFAULT_OWNER").isEmpty()) {
            throw new IllegalArgumentException(
                    "AMQP_DEFAULT_OWNER must be 1 to 200 characters without control characters");
        }
        if (expiryBatchSize < 1) {
            throw new IllegalArgumentException("orders.expiry-batch-size must be at least 1");
        }
    }
}
