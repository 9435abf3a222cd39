package dev.orders.infra.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param lease        how long a relay owns a row it is publishing; after that any instance may publish it again
 * @param pollInterval how often to look for rows nobody is publishing (left by a crash, or waiting for a retry)
 * @param batchSize    rows claimed per poll
 * @param maxBackoff   longest wait between two attempts at a row the broker refused
 */
@ConfigurationProperties("platform.outbox")
public record OutboxProperties(
        @DefaultValue("10s") Duration lease,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("500") int batchSize,
        @DefaultValue("30s") Duration maxBackoff) {}
