package dev.orders.infra.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one HTTP client may take of a service, beyond Tomcat's own limits ({@code server.tomcat.*} in
 * platform-defaults.yml): turns and a deadline for request bodies ({@link BodyAdmissionFilter}) and their size
 * ({@link BodySizeLimitFilter}; each service maps {@code max-body-size} to its own variable). README: Configuration.
 */
@ConfigurationProperties("platform.http")
public record HttpLimits(
        @DefaultValue("64") int maxConcurrentBodies,
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
            throw new IllegalArgumentException("platform.http.max-body-size must be positive");
        }
    }
}
