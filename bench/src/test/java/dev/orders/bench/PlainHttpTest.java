package dev.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The load generator's HTTP client against a scripted server on a real socket: each accepted connection answers the
 * requests on it with the next scripted replies, and the test sees every request as it arrived and on which
 * connection.
 */
class PlainHttpTest {

    /** What the server does with one request: the raw bytes to write back, then whether to close the connection. */
    record Reply(String raw, boolean closeAfter) {}

    record Received(int connection, String head, String body) {}

    private ServerSocket server;
    private final BlockingQueue<Reply> script = new LinkedBlockingQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Semaphore closedByServer = new Semaphore(0);
    private PlainHttp http;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
        http = new PlainHttp(
                URI.create("http://127.0.0.1:" + server.getLocalPort()), Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() throws IOException {
        http.close();
        server.close();
    }

    @Test
    void postsTheBodyWithItsHeadersAndReadsAResponseByContentLength() throws IOException {
        script.add(ok(201, "{\"id\":\"héllo\"}"));

        PlainHttp.Response response =
                http.post("/orders", "{\"quantity\":1,\"name\":\"ü\"}", "Authorization", "Bearer k");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"id\":\"héllo\"}");
        Received request = received.getFirst();
        assertThat(request.head())
                .startsWith("POST /orders HTTP/1.1\r\n")
                .contains("Host: 127.0.0.1:" + server.getLocalPort() + "\r\n")
                .contains("Content-Type: application/json\r\n")
                .contains("Authorization: Bearer k\r\n");
        assertThat(request.body()).isEqualTo("{\"quantity\":1,\"name\":\"ü\"}");
    }

    @Test
    void keepsTheConnectionAliveForTheNextRequest() throws IOException {
        script.add(ok(201, "a"));
        script.add(ok(503, "b"));

        assertThat(http.post("/orders", "{}").body()).isEqualTo("a");
        PlainHttp.Response second = http.post("/orders", "{}");

        assertThat(second.status()).isEqualTo(503);
        assertThat(second.body()).isEqualTo("b");
        assertThat(received).extracting(Received::connection).containsExactly(1, 1);
        assertThat(http.idleConnections()).isEqualTo(1);
    }

    @Test
    void readsAChunkedBody() throws IOException {
        script.add(new Reply(
                "HTTP/1.1 400 \r\nContent-Type: application/problem+json\r\nTransfer-Encoding: chunked"
                        + "\r\n\r\n5;ext=1\r\n{\"a\":\r\n3\r\n12}\r\n0\r\nX-Trailer: t\r\n\r\n",
                false));
        script.add(ok(201, "next"));

        PlainHttp.Response response = http.post("/orders", "{}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"a\":12}");
        // the whole chunked body and its trailers were consumed: the connection serves the next exchange
        assertThat(http.post("/orders", "{}").body()).isEqualTo("next");
        assertThat(received).extracting(Received::connection).containsExactly(1, 1);
    }

    @Test
    void doesNotReuseAConnectionTheServerSaidItWouldClose() throws IOException {
        script.add(new Reply("HTTP/1.1 201 \r\nContent-Length: 1\r\nConnection: close\r\n\r\nx", true));
        script.add(ok(201, "y"));

        http.post("/orders", "{}");
        assertThat(http.idleConnections()).isZero();
        assertThat(http.post("/orders", "{}").body()).isEqualTo("y");

        assertThat(received).extracting(Received::connection).containsExactly(1, 2);
    }

    @Test
    void aBodyWithoutLengthRunsToTheEndOfTheConnection() throws IOException {
        script.add(new Reply("HTTP/1.1 200 \r\n\r\nall of it", true));

        assertThat(http.post("/orders", "{}").body()).isEqualTo("all of it");
        assertThat(http.idleConnections()).isZero();
    }

    @Test
    void sendsOnceMoreOnANewConnectionWhenThePooledOneWasClosedByTheServer() throws IOException {
        // the server answers, then closes the kept-alive connection without saying so (an idle timeout)
        script.add(new Reply(ok(201, "first").raw(), true));
        script.add(ok(201, "second"));

        http.post("/orders", "{\"n\":1}");
        awaitClosedByServer();
        PlainHttp.Response response = http.post("/orders", "{\"n\":2}");

        assertThat(response.body()).isEqualTo("second");
        // the second request reached the server once, on the new connection
        assertThat(received)
                .extracting(Received::connection, Received::body)
                .containsExactly(tuple(1, "{\"n\":1}"), tuple(2, "{\"n\":2}"));
    }

    @Test
    void aConnectionCutInTheMiddleOfAResponseIsAnErrorAndNotRetried() {
        script.add(new Reply("HTTP/1.1 201 \r\nContent-Length: 10\r\n\r\nabc", true));

        assertThatThrownBy(() -> http.post("/orders", "{}"))
                .isInstanceOf(java.io.EOFException.class)
                .isNotInstanceOf(PlainHttp.StaleConnectionException.class);
        assertThat(received).hasSize(1);
        assertThat(http.idleConnections()).isZero();
    }

    @Test
    void aServerThatDoesNotAnswerTimesOut() {
        script.add(new Reply(null, false));

        assertThatThrownBy(() -> http.post("/orders", "{}")).isInstanceOf(SocketTimeoutException.class);
        assertThat(http.idleConnections()).isZero();
    }

    private static Reply ok(int status, String body) {
        int length = body.getBytes(StandardCharsets.UTF_8).length;
        return new Reply(
                "HTTP/1.1 " + status + " \r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n"
                        + body,
                false);
    }

    /** Waits until the server has closed the connection it served (its socket is closed when this is released). */
    private void awaitClosedByServer() throws IOException {
        try {
            if (!closedByServer.tryAcquire(5, TimeUnit.SECONDS)) {
                throw new AssertionError("the server did not close the connection");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                int number = connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(socket, number));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, int number) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                int length = 0;
                for (String line : head.split("\r\n")) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                received.add(new Received(number, head, body));
                Reply reply = script.poll(5, TimeUnit.SECONDS);
                if (reply == null || reply.raw() == null) {
                    // no answer: hold the connection until the client gives up
                    in.read();
                    return;
                }
                out.write(reply.raw().getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (reply.closeAfter()) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        } finally {
            closedByServer.release();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b; (b = in.read()) >= 0; ) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
