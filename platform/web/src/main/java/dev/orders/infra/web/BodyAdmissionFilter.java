package dev.orders.infra.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes a turn before a request's body is read, and gives the body a deadline. Requests run on virtual threads,
 * which nothing else bounds, and Tomcat's read timeout restarts with every byte: without this, a client that sends
 * the headers of a 64 KB POST and then a byte a second holds a thread and a growing buffer for hours, and a few
 * hundred such clients hold the service. A request with a body waits a moment for one of
 * {@code HTTP_MAX_CONCURRENT_BODIES} turns (503 when none frees up), gives it back as soon as the whole body is read,
 * and gets 408 when the body has not arrived within {@code HTTP_BODY_TIMEOUT}. Requests without a body pass freely, so
 * health checks and reads keep answering while bodies are throttled.
 */
public class BodyAdmissionFilter extends OncePerRequestFilter {

    private final Semaphore turns;
    private final long waitNanos;
    private final long timeoutNanos;
    private final JsonMapper json;

    public BodyAdmissionFilter(HttpLimits limits, JsonMapper json) {
        this.turns = new Semaphore(limits.maxConcurrentBodies());
        this.waitNanos = limits.admissionWait().toNanos();
        this.timeoutNanos = limits.bodyTimeout().toNanos();
        this.json = json;
    }

    /** The body did not arrive in time: {@link ProblemHandling} answers 408 when an MVC reader saw it. */
    static final class TooSlow extends IOException {
        TooSlow(Throwable cause) {
            super("the request body did not arrive in time", cause);
        }
    }

    static final String TOO_SLOW = "The request body did not arrive in full within the time allowed.";

    static boolean isTooSlow(Throwable e) {
        return ProblemHandling.causedBy(e, TooSlow.class);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        boolean admitted;
        try {
            admitted = turns.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            ProblemHandling.write(
                    response,
                    json,
                    ProblemType.BUSY,
                    "Too many requests are sending a body right now; retry shortly.",
                    request.getRequestURI(),
                    Map.of("Retry-After", "1", "Connection", "close"));
            return;
        }
        Turn turn = new Turn(turns);
        try {
            FilterChains.continueAnswering(
                    chain,
                    new Timed(request, System.nanoTime() + timeoutNanos, turn),
                    response,
                    TooSlow.class,
                    () -> writeTooSlow(request, response));
        } finally {
            turn.giveBack();
        }
    }

    private void writeTooSlow(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ProblemHandling.write(
                response,
                json,
                ProblemType.REQUEST_TIMEOUT,
                TOO_SLOW,
                request.getRequestURI(),
                Map.of("Connection", "close"));
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** Given back once: when the body has been read to its end, or when the request is done. */
    private static final class Turn {
        private final Semaphore turns;
        private final AtomicBoolean held = new AtomicBoolean(true);

        Turn(Semaphore turns) {
            this.turns = turns;
        }

        void giveBack() {
            if (held.compareAndSet(true, false)) {
                turns.release();
            }
        }
    }

    private static final class Timed extends HttpServletRequestWrapper {
        private final long deadline;
        private final Turn turn;
        private final long length;
        private ServletInputStream stream;
        private BufferedReader reader;

        Timed(HttpServletRequest request, long deadline, Turn turn) {
            super(request);
            this.deadline = deadline;
            this.turn = turn;
            this.length = request.getContentLengthLong();
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingBodyStream(super.getInputStream()) {
                    @Override
                    void beforeRead() throws IOException {
                        if (System.nanoTime() - deadline > 0) {
                            throw new TooSlow(null);
                        }
                    }

                    @Override
                    int readFrom(ServletInputStream in, byte[] buf, int off, int len) throws IOException {
                        try {
                            return in.read(buf, off, len);
                        } catch (IOException e) {
                            throw timedOut(e) ? new TooSlow(e) : e;
                        }
                    }

                    @Override
                    void afterRead(int n, long total) {
                        if (n < 0 || (length >= 0 && total >= length)) {
                            turn.giveBack();
                        }
                    }
                };
            }
            return stream;
        }

        /** The container's reader would bypass the deadline; this one reads through it. */
        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset;
                try {
                    charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                } catch (IllegalArgumentException e) {
                    throw new UnsupportedEncodingException(encoding);
                }
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }

        private static boolean timedOut(Throwable e) {
            return ProblemHandling.causedBy(e, SocketTimeoutException.class);
        }
    }
}
