package dev.orders.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The load generator's HTTP/1.1 client: each request is written and its response read on the caller's own thread,
 * over connections kept alive in a pool (most recently used first). The JDK's HttpClient runs every exchange through
 * a selector thread, an executor and a chain of futures, CPU the load generator takes from the system under test on
 * the same cores (docs/benchmarks.md).
 * <p>
 * Plain HTTP only. A response body is read by its {@code Content-Length}, chunked, or up to the end of the
 * connection; a connection is given back to the pool unless the server said {@code Connection: close} or the body
 * ran to the end of the stream. A kept-alive connection the server closed while it sat in the pool (the request
 * reached no handler: the end of the stream or a reset before a byte of response) is replaced and the request sent
 * once more on a new one; any other failure, and any failure on a new connection, is the caller's.
 */
final class PlainHttp {

    record Response(int status, String body) {}

    /** The server closed a reused connection before answering: the request was not handled. */
    static final class StaleConnectionException extends EOFException {
        StaleConnectionException(IOException cause) {
            super("connection closed by the server before any response");
            initCause(cause);
        }
    }

    private static final long IDLE_LIMIT_NANOS = Duration.ofSeconds(10).toNanos();

    private final String host;
    private final int port;
    private final String hostHeader;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

    PlainHttp(URI base, Duration connectTimeout, Duration readTimeout) {
        if (!"http".equals(base.getScheme())) {
            throw new IllegalArgumentException("only http:// URLs, not " + base);
        }
        this.host = base.getHost();
        this.port = base.getPort() < 0 ? 80 : base.getPort();
        this.hostHeader = base.getPort() < 0 ? host : host + ":" + port;
        this.connectTimeoutMillis = (int) connectTimeout.toMillis();
        this.readTimeoutMillis = (int) readTimeout.toMillis();
    }

    /** POSTs a JSON body; {@code headers} are name, value pairs. */
    Response post(String path, String json, String... headers) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(192)
                .append("POST ")
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(hostHeader)
                .append("\r\nContent-Type: application/json\r\nContent-Length: ")
                .append(body.length)
                .append("\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        byte[] start = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        byte[] request = new byte[start.length + body.length];
        System.arraycopy(start, 0, request, 0, start.length);
        System.arraycopy(body, 0, request, start.length, body.length);
        return send(request);
    }

    /** Connections open now, idle in the pool. */
    int idleConnections() {
        return idle.size();
    }

    void close() {
        for (Connection c; (c = idle.pollFirst()) != null; ) {
            c.close();
        }
    }

    private Response send(byte[] request) throws IOException {
        Connection connection = pooled();
        boolean reused = connection != null;
        if (!reused) {
            connection = open();
        }
        try {
            return exchange(connection, request);
        } catch (StaleConnectionException e) {
            if (!reused) {
                throw e;
            }
            return exchange(open(), request);
        }
    }

    private Response exchange(Connection connection, byte[] request) throws IOException {
        try {
            Response response = connection.exchange(request);
            if (connection.reusable) {
                connection.lastUsed = System.nanoTime();
                idle.offerFirst(connection);
            } else {
                connection.close();
            }
            return response;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private Connection pooled() {
        long now = System.nanoTime();
        for (Connection c; (c = idle.pollFirst()) != null; ) {
            if (now - c.lastUsed < IDLE_LIMIT_NANOS) {
                return c;
            }
            c.close();
        }
        return null;
    }

    private Connection open() throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            socket.setSoTimeout(readTimeoutMillis);
            return new Connection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        boolean reusable;
        long lastUsed;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream(), 8192);
        }

        Response exchange(byte[] request) throws IOException {
            reusable = false;
            int first;
            try {
                out.write(request);
                out.flush();
                first = in.read();
            } catch (java.net.SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                // a reset instead of the end of the stream: the server's close crossed our write
                throw new StaleConnectionException(e);
            }
            if (first < 0) {
                throw new StaleConnectionException(null);
            }
            String statusLine = (char) first + line();
            // "HTTP/1.1 201 " or "HTTP/1.1 201 Created"
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.x status line: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = statusLine.startsWith("HTTP/1.0");
            for (String header; !(header = line()).isEmpty(); ) {
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" ->
                        chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" ->
                        close = value.equalsIgnoreCase("close") || (close && !value.equalsIgnoreCase("keep-alive"));
                    default -> {}
                }
            }
            String body;
            if (status == 204 || status == 304 || status / 100 == 1) {
                body = "";
            } else if (chunked) {
                body = chunkedBody();
            } else if (length >= 0) {
                byte[] bytes = in.readNBytes(checkedLength(length));
                if (bytes.length < length) {
                    throw new EOFException("response body cut short");
                }
                body = new String(bytes, StandardCharsets.UTF_8);
            } else {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                close = true;
            }
            reusable = !close;
            return new Response(status, body);
        }

        private String chunkedBody() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = line();
                int semicolon = sizeLine.indexOf(';');
                int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                if (size == 0) {
                    while (!line().isEmpty()) {
                        // trailers: ignored
                    }
                    return body.toString(StandardCharsets.UTF_8);
                }
                byte[] chunk = in.readNBytes(size);
                if (chunk.length < size) {
                    throw new EOFException("chunk cut short");
                }
                body.writeBytes(chunk);
                line();
            }
        }

        private static int checkedLength(long length) throws IOException {
            if (length > 16 * 1024 * 1024) {
                throw new IOException("response body of " + length + " bytes is more than this client reads");
            }
            return (int) length;
        }

        /** A header line without its CRLF, ISO-8859-1. */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int b; (b = in.read()) != '\n'; ) {
                if (b < 0) {
                    throw new EOFException("connection closed in the middle of a response");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
