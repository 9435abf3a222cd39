package dev.orders.infra.observability;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns the few observability variables (platform-defaults.yml, {@code platform.observability.*}) into Spring Boot's
 * settings before logging starts: {@code LOG_FORMAT=json} selects structured (ECS) console logs, and a trace
 * exporter is switched on only when its endpoint is set, so an unset endpoint sends nothing anywhere. Boot's own
 * {@code management.*} settings, when given, win.
 */
public class ObservabilitySettings implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "platformObservability";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> derived = new HashMap<>();
        String format = environment
                .getProperty("platform.observability.log-format", "text")
                .trim()
                .toLowerCase(Locale.ROOT);
        switch (format) {
            case "json" -> derived.put("logging.structured.format.console", "ecs");
            case "text", "" -> {}
            default -> throw new IllegalArgumentException("LOG_FORMAT is text or json, not " + format);
        }
        String zipkin = environment
                .getProperty("platform.observability.zipkin-endpoint", "")
                .trim();
        if (zipkin.isEmpty()) {
            derived.put("management.tracing.export.zipkin.enabled", "false");
        } else {
            derived.put("management.tracing.export.zipkin.endpoint", zipkinSpansUrl(zipkin));
        }
        String otlp = environment
                .getProperty("platform.observability.otlp-endpoint", "")
                .trim();
        if (!otlp.isEmpty()) {
            derived.put("management.opentelemetry.tracing.export.otlp.endpoint", otlpTracesUrl(otlp));
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, derived));
    }

    /** {@code http://zipkin:9411} or the full {@code …/api/v2/spans}. */
    static String zipkinSpansUrl(String endpoint) {
        String base = stripSlash(endpoint);
        return base.endsWith("/api/v2/spans") ? base : base + "/api/v2/spans";
    }

    /** As OpenTelemetry reads {@code OTEL_EXPORTER_OTLP_ENDPOINT}: a base URL to which the signal's path is added. */
    static String otlpTracesUrl(String endpoint) {
        String base = stripSlash(endpoint);
        return base.endsWith("/v1/traces") ? base : base + "/v1/traces";
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** After the configuration files are read (their placeholders name the variables), before logging starts. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
