package dev.orders.infra.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses request bodies above a limit with a 413 problem, before anything reads them: by Content-Length when
 * given, and by counting bytes for chunked bodies.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final JsonMapper json;

    public BodySizeLimitFilter(long maxBytes, JsonMapper json) {
        this.maxBytes = maxBytes;
        this.json = json;
    }

    static final class TooLarge extends IOException {
        TooLarge() {
            super("request body too large");
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            reject(request, response);
            return;
        }
        FilterChains.continueAnswering(
                chain, new Limited(request, maxBytes), response, TooLarge.class, () -> reject(request, response));
    }

    static boolean isTooLarge(Throwable e) {
        return ProblemHandling.causedBy(e, TooLarge.class);
    }

    private void reject(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ProblemHandling.write(
                response,
                json,
                ProblemType.PAYLOAD_TOO_LARGE,
                "The body is larger than " + maxBytes + " bytes.",
                request.getRequestURI(),
                Map.of("Connection", "close"));
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingBodyStream(super.getInputStream()) {
                    @Override
                    void afterRead(int n, long total) throws IOException {
                        if (total > max) {
                            throw new TooLarge();
                        }
                    }
                };
            }
            return stream;
        }
    }
}
