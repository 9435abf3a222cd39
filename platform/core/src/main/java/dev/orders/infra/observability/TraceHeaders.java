package dev.orders.infra.observability;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Carries the W3C trace context ({@code traceparent}, {@code tracestate}, {@code baggage}) where no library does it
 * for us: in the AMQP headers our own publishers write on the raw client, in the HTTP headers of a webhook, and as text stored with a row that is
 * published later (the outbox, a webhook delivery, a notification). A message or row without a context starts a new
 * trace. With tracing switched off ({@link #NONE}) every method costs next to nothing.
 */
public final class TraceHeaders {

    /** The field of a message's data, and the baggage entry, that names the order a trace is about. */
    public static final String ORDER_ID = "orderId";

    public static final TraceHeaders NONE = new TraceHeaders(Tracer.NOOP, Propagator.NOOP);

    private final Tracer tracer;
    private final Propagator propagator;

    public TraceHeaders(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    public Tracer tracer() {
        return tracer;
    }

    /** Writes the span's context into message headers. */
    public void inject(Span span, Map<String, Object> headers) {
        propagator.inject(span.context(), headers, Map::put);
    }

    /** A span builder continuing the context in these headers, or starting a new trace when they carry none. */
    public Span.Builder continueFrom(Map<String, ?> headers) {
        return propagator.extract(headers, (carrier, key) -> {
            Object value = carrier.get(key);
            return value == null ? null : value.toString();
        });
    }

    /** The current span's context as text to store with a row; null when there is no current span. */
    public String capture() {
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        propagator.inject(context, fields, Map::put);
        if (fields.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        fields.forEach(
                (name, value) -> text.append(name).append('=').append(value).append('\n'));
        return text.toString();
    }

    /** A span builder continuing a context {@link #capture() captured} earlier; a new trace when there is none. */
    public Span.Builder continueFrom(String captured) {
        return continueFrom(parse(captured));
    }

    static Map<String, String> parse(String captured) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (captured == null) {
            return fields;
        }
        for (String line : captured.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return fields;
    }
}
