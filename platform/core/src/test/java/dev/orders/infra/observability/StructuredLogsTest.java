package dev.orders.infra.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.BaggageInScope;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console log format is the feature here, so the test reads what the application prints: a context started with
 * the platform's defaults and {@code LOG_FORMAT=json} writes JSON lines carrying the trace, span and order ids.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {}

    /** Boot hands the format to Logback as a system property, which would outlive the test's application. */
    @AfterEach
    void forgetTheLogFormat() {
        System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
    }

    private static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.config.import=classpath:platform-defaults.yml",
                        "spring.application.name=logs-test",
                        "PLATFORM_PROFILE=dev")
                .properties(properties)
                .run();
    }

    @Test
    void withLogFormatJsonEveryLineInATraceIsJsonWithItsTraceSpanAndOrderIds(CapturedOutput output) {
        // sampling 0: the ids are in the logs even for a trace that is not exported
        try (ConfigurableApplicationContext context = start("LOG_FORMAT=json", "TRACING_SAMPLING_PROBABILITY=0")) {
            Tracer tracer = context.getBean(Tracer.class);
            Span span = tracer.nextSpan().name("work").start();
            try (Tracer.SpanInScope scope = tracer.withSpan(span);
                    BaggageInScope order = tracer.createBaggageInScope("orderId", "order-17")) {
                LoggerFactory.getLogger(StructuredLogsTest.class).info("handling the order");
            } finally {
                span.end();
            }

            List<JsonNode> lines = output.getOut()
                    .lines()
                    .filter(line -> line.contains("handling the order"))
                    .map(line -> JsonMapper.shared().readTree(line))
                    .toList();
            assertThat(lines).hasSize(1);
            JsonNode line = lines.getFirst();
            assertThat(line.path("message").asString()).isEqualTo("handling the order");
            assertThat(line.path("traceId").asString()).isEqualTo(span.context().traceId());
            assertThat(line.path("spanId").asString()).isEqualTo(span.context().spanId());
            assertThat(line.path("orderId").asString()).isEqualTo("order-17");
            assertThat(line.at("/service/name").asString()).isEqualTo("logs-test");
        }
    }

    @Test
    void byDefaultLinesAreTextWithTheTraceAndSpanIds(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start()) {
            Tracer tracer = context.getBean(Tracer.class);
            Span span = tracer.nextSpan().name("work").start();
            try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
                LoggerFactory.getLogger(StructuredLogsTest.class).info("plain line");
            } finally {
                span.end();
            }
            String line = output.getOut()
                    .lines()
                    .filter(l -> l.contains("plain line"))
                    .findFirst()
                    .orElseThrow();
            assertThat(line)
                    .doesNotStartWith("{")
                    .contains("[" + span.context().traceId() + "/"
                            + span.context().spanId() + "] ");
        }
    }
}
