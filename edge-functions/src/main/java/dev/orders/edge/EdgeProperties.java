package dev.orders.edge;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import dev.orders.infra.persistence.GroupCommit;

/**
 * @param adminApiKey        bearer token of the read and admin routes ({@code ADMIN_API_KEY})
 * @param maxBodySize        request bodies above this are refused with 413 before anything reads them
 * @param signatureTolerance how far {@code webhook-timestamp} may be from now, either way (Standard Webhooks: 5 min)
 * @param writeLinger        under a steady stream of webhooks, how long one may wait for others to share its insert
 *                           and commit; zero never waits
 * @param retentionInterval  how often the functions delete what is older than their retention
 */
@ConfigurationProperties("edge")
public record EdgeProperties(
        @DefaultValue("dev-admin-key") String adminApiKey,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("5m") Duration signatureTolerance,
        @DefaultValue("10ms") Duration writeLinger,
        @DefaultValue("1h") Duration retentionInterval) {

    public EdgeProperties {
        GroupCommit.checkLinger("EDGE_WRITE_LINGER", writeLinger);
        if (retentionInterval.isNegative() || retentionInterval.isZero()) {
            throw new IllegalArgumentException("EDGE_RETENTION_INTERVAL must be positive");
        }
    }

    @Override
    public String toString() {
        return "EdgeProperties[maxBodySize=" + maxBodySize + ", signatureTolerance=" + signatureTolerance
                + ", writeLinger=" + writeLinger + ", retentionInterval=" + retentionInterval + "]";
    }
}
