package dev.orders.infra.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one HTTP client may take of a service. Tomcat's own limits (read and keep-alive timeouts, connections, header
 * size) are {@code server.tomcat.*} in platform-defaults.yml; these are the ones Tomcat does not have.
 *
 * @param maxConcurrentBodies requests whose body is being received at once; a request with a body waits
 *                            {@code admissionWait} for a turn, then gets 503. Requests without a body (health, reads)
 *                            do not take a turn
 * @param admissionWait       how long a request with a body waits for a turn
 * @param bodyTimeout         longest time a body may take to arrive in full; after it, 408 and the connection closes
 * @param maxBodySize         larger bodies get 413, where the service sets no limit of its own
 */
@ConfigurationProperties("platform.http")
public record HttpLimits(@DefaultValue("64") int maxConcurrentBodies,
                         @DefaultValue("100ms") Duration admissionWait,
                         @DefaultValue("10s") Duration bodyTimeout,
                         @DefaultValue("1MB") DataSize maxBodySize) {

    public HttpLimits {
        if (maxConcurrentBodies < 1) {
            throw new IllegalArgumentException("HTTP_MAX_CONCURRENT_BODIES must be at least 1");
        }
        if (!bodyTimeout.isPositive()) {
            throw new IllegalArgumentException("HTTP_BODY_TIMEOUT must be positive");
        }
        if (maxBodySize.toBytes() < 1) {
            throw new IllegalArgumentException("HTTP_MAX_BODY_SIZE must be positive");
        }
    }
}
