package dev.orders.infra.observability;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The trace context where the platform carries it by hand (AMQP headers, stored rows, outgoing webhooks). */
@AutoConfiguration
public class ObservabilityAutoConfiguration {

    /** Boot's tracer when tracing is on, else one that does nothing. */
    @Bean
    @ConditionalOnMissingBean
    TraceHeaders traceHeaders(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new TraceHeaders(
                tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }
}
