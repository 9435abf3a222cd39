package dev.orders.infra.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP/1.1 over a plain socket, for requests an HTTP client library refuses to send (conflicting Content-Length and
 * Transfer-Encoding, bad percent-encoding, raw control bytes) and for clients that send slowly on purpose.
 */
public final class RawHttp {

    private RawHttp() {}

    /** One response. Header names are lower case; a repeated header keeps its last value. */
    public record Response(int status, Map<String, String> headers, byte[] body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Sends {@code request} exactly as given and reads one response; null when the server closed without one. */
    public static Response exchange(String host, int port, byte[] request, Duration timeout) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException cutShort) {
                // a server may answer (413, say) and close before the body is all sent, as clients must expect:
                // its answer is still there to read
                try {
                    Response early = read(socket.getInputStream());
                    if (early != null) {
                        return early;
                    }
                } catch (IOException unreadable) {
                    cutShort.addSuppressed(unreadable);
                }
                throw cutShort;
            }
            return read(socket.getInputStream());
        }
    }

    public static Response exchange(String host, int port, String request, Duration timeout) throws IOException {
        return exchange(host, port, request.getBytes(StandardCharsets.ISO_8859_1), timeout);
    }

    /**
     * Reads one response: status line, headers, then the body by Content-Length, chunked, or up to the end of the
     * stream. Null when the stream ends before a status line.
     */
    public static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            return null;
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = headers.get("content-length");
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (String size = line(in); size != null; size = line(in)) {
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    line(in);
                    break;
                }
                body.write(in.readNBytes(n));
                line(in);
            }
        } else if (length != null) {
            body.write(in.readNBytes(Integer.parseInt(length)));
        } else if (status >= 200 && status != 204 && status != 304) {
            in.transferTo(body);
        }
        return new Response(status, headers, body.toByteArray());
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = out.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            out.write(b);
        }
        return out.size() == 0 ? null : out.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * A client that sends the head of a request promising {@code length} bytes of body, then one byte every
     * {@code interval} for at most {@code sendFor}, and reads whatever the server answers. It stops by itself: when
     * the server closes the connection, or when {@code sendFor} is over.
     */
    public static final class SlowBody implements AutoCloseable {

        private static final ScheduledExecutorService PACE = Executors.newScheduledThreadPool(
                2, Thread.ofPlatform().name("slow-body-pace-", 0).daemon().factory());

        private final Socket socket;
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final CompletableFuture<Response> response = new CompletableFuture<>();
        private final CompletableFuture<Long> closedAtNanos = new CompletableFuture<>();
        private final AtomicLong bytesSent = new AtomicLong();
        private volatile ScheduledFuture<?> writer;

        private SlowBody(Socket socket) {
            this.socket = socket;
        }

        /**
         * @param head the request line and headers, ending with the blank line; must promise the body's length
         */
        public static SlowBody start(
                String host, int port, String head, long length, Duration interval, Duration sendFor)
                throws IOException {
            Socket socket = new Socket(host, port);
            SlowBody slow = new SlowBody(socket);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            long until = System.nanoTime() + sendFor.toNanos();
            slow.writer = PACE.scheduleAtFixedRate(
                    () -> {
                        if (slow.stopped.get() || slow.bytesSent.get() >= length || System.nanoTime() > until) {
                            slow.writer.cancel(false);
                            return;
                        }
                        try {
                            out.write('x');
                            out.flush();
                            slow.bytesSent.incrementAndGet();
                        } catch (IOException e) {
                            // the server closed the connection: this client is done
                            slow.writer.cancel(false);
                        }
                    },
                    interval.toNanos(),
                    interval.toNanos(),
                    TimeUnit.NANOSECONDS);
            Thread.ofVirtual().name("slow-body-reader").start(() -> {
                try {
                    InputStream in = socket.getInputStream();
                    slow.response.complete(read(in));
                    while (in.read() >= 0) {
                        // anything after the response, until the server closes
                    }
                } catch (IOException e) {
                    // a reset is a close too
                }
                slow.response.complete(null);
                slow.closedAtNanos.complete(slow.stopped.get() ? Long.MIN_VALUE : System.nanoTime());
            });
            return slow;
        }

        /** The server's answer, once it came; null if it closed without one. */
        public CompletableFuture<Response> response() {
            return response;
        }

        /** Done once the connection is closed: the time the server closed it, or Long.MIN_VALUE if this side did. */
        public CompletableFuture<Long> closedAtNanos() {
            return closedAtNanos;
        }

        public boolean closedByServer() {
            return closedAtNanos.isDone() && closedAtNanos.join() != Long.MIN_VALUE;
        }

        public long bytesSent() {
            return bytesSent.get();
        }

        @Override
        public void close() {
            stopped.set(true);
            if (writer != null) {
                writer.cancel(false);
            }
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
