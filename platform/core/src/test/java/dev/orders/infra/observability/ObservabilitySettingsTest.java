package dev.orders.infra.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class ObservabilitySettingsTest {

    private static MockEnvironment apply(MockEnvironment environment) {
        new ObservabilitySettings().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void withoutEndpointsNothingIsExportedAndLogsStayText() {
        MockEnvironment env = apply(new MockEnvironment());

        assertThat(env.getProperty("management.tracing.export.zipkin.enabled")).isEqualTo("false");
        assertThat(env.containsProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
                .isFalse();
        assertThat(env.containsProperty("logging.structured.format.console")).isFalse();
    }

    @Test
    void endpointsGetTheirSignalPathsAndJsonSelectsStructuredLogs() {
        MockEnvironment env = apply(new MockEnvironment()
                .withProperty("platform.observability.zipkin-endpoint", "http://zipkin:9411/")
                .withProperty("platform.observability.otlp-endpoint", "http://collector:4318")
                .withProperty("platform.observability.log-format", "JSON"));

        assertThat(env.getProperty("management.tracing.export.zipkin.endpoint"))
                .isEqualTo("http://zipkin:9411/api/v2/spans");
        assertThat(env.getProperty("management.tracing.export.zipkin.enabled")).isNull();
        assertThat(env.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
                .isEqualTo("http://collector:4318/v1/traces");
        assertThat(env.getProperty("logging.structured.format.console")).isEqualTo("ecs");
    }

    @Test
    void anExplicitBootSettingWins() {
        MockEnvironment env = apply(new MockEnvironment()
                .withProperty("platform.observability.zipkin-endpoint", "http://zipkin:9411")
                .withProperty("management.tracing.export.zipkin.endpoint", "http://other:9411/api/v2/spans"));

        assertThat(env.getProperty("management.tracing.export.zipkin.endpoint"))
                .isEqualTo("http://other:9411/api/v2/spans");
    }

    @Test
    void refusesAnUnknownLogFormat() {
        assertThatThrownBy(() -> apply(new MockEnvironment().withProperty("platform.observability.log-format", "xml")))
                .hasMessage("LOG_FORMAT is text or json, not xml");
    }
}
