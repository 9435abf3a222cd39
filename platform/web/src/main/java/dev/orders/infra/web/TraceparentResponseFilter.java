package dev.orders.infra.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers every request with a W3C {@code traceparent} naming its trace and server span, so a caller (or an operator
 * holding a response) can look the request up in the trace backend and in the logs.
 */
final class TraceparentResponseFilter extends OncePerRequestFilter {

    private final Tracer tracer;

    TraceparentResponseFilter(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Span span = tracer.currentSpan();
        if (span != null) {
            TraceContext context = span.context();
            response.setHeader(
                    "traceparent",
                    "00-" + context.traceId() + "-" + context.spanId() + "-"
                            + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00"));
        }
        chain.doFilter(request, response);
    }
}
