package dev.orders.edge;

import dev.orders.infra.persistence.GroupCommit;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param signatureTolerance how far {@code webhook-timestamp} may be from now, either way (Standard Webhooks: 5 min)
 * @param writeLinger        under a steady stream of webhooks, how long one may wait for others to share its insert
 *                           and commit; zero never waits
 * @param retentionInterval  how often the functions delete what is older than their retention
 */
@ConfigurationProperties("edge")
public record EdgeProperties(
        @DefaultValue("5m") Duration signatureTolerance,
        @DefaultValue("10ms") Duration writeLinger,
        @DefaultValue("1h") Duration retentionInterval) {

    public EdgeProperties {
        GroupCommit.checkLinger("EDGE_WRITE_LINGER", writeLinger);
        if (retentionInterval.isNegative() || retentionInterval.isZero()) {
            throw new IllegalArgumentException("EDGE_RETENTION_INTERVAL must be positive");
        }
    }
}
