package dev.orders.orders.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param keyPrefix    put before every key (tests isolate runs with it; empty in production)
 * @param processedTtl how long {@code processed:{key}} is remembered (seed: 24 h)
 * @param lockTtl      how long {@code lock:{key}} lives if its owner dies (seed: 10 s)
 */
@ConfigurationProperties("orders.idempotency")
public record IdempotencyProperties(
        @DefaultValue("") String keyPrefix,
        @DefaultValue("24h") Duration processedTtl,
        @DefaultValue("10s") Duration lockTtl) {}
