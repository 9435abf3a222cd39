package dev.orders.infra.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.hc.core5.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against a raw local server that answers whatever the test scripts, well formed or not. */
class BoundedHttpClientTest {

    private final CountDownLatch stop = new CountDownLatch(1);
    private ServerSocket server;
    private BoundedHttpClient client;

    @AfterEach
    void close() throws IOException {
        stop.countDown();
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Answers every connection with {@code answer}, after reading the request head. */
    private URI serve(Consumer<OutputStream> answer) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> {
                        try (socket) {
                            readHead(socket.getInputStream());
                            answer.accept(socket.getOutputStream());
                        } catch (IOException | RuntimeException e) {
                            // the client hung up: nothing more to answer
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/hook");
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
    }

    private static void write(OutputStream out, String text) {
        try {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private BoundedHttpClient client(Duration timeout, int maxBody, String allowlist) {
        DestinationPolicy policy = new DestinationPolicy(
                Allowlist.parse("TEST_ALLOWLIST", allowlist.isEmpty() ? List.of() : List.of(allowlist)));
        client = new BoundedHttpClient(
                new BoundedHttpClient.Settings(timeout, Duration.ofSeconds(1), maxBody, 4, "test/1", policy));
        return client;
    }

    private BoundedHttpClient.Response post(URI url) throws IOException {
        return client.post(
                url, Map.of("x-test", "1"), "{}".getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON);
    }

    @Test
    void keepsTheStatusTheFirstValueOfEachHeaderAndTheBody() throws IOException {
        URI url = serve(out -> write(
                out,
                "HTTP/1.1 429 Too Many\r\nRetry-After: 7\r\nRetry-After: 9\r\n"
                        + "Content-Length: 4\r\nConnection: close\r\n\r\nslow"));
        client(Duration.ofSeconds(5), 1024, "127.0.0.1/32");

        BoundedHttpClient.Response response = post(url);

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.header("retry-after")).isEqualTo("7");
        assertThat(response.body()).asString(StandardCharsets.UTF_8).isEqualTo("slow");
        assertThat(response.truncated()).isFalse();
    }

    @Test
    void keepsOnlyTheFirstBytesOfALongBody() throws IOException {
        URI url = serve(out -> write(
                out, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n" + "x".repeat(100_000)));
        client(Duration.ofSeconds(5), 16, "127.0.0.1/32");

        BoundedHttpClient.Response response = post(url);

        assertThat(response.body()).hasSize(16);
        assertThat(response.truncated()).isTrue();
    }

    @Test
    void refusesAResponseWithTooManyHeaders() throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (int i = 0; i < BoundedHttpClient.MAX_HEADERS + 1; i++) {
            head.append("X-Filler-").append(i).append(": y\r\n");
        }
        URI url = serve(out -> write(out, head + "Content-Length: 0\r\nConnection: close\r\n\r\n"));
        client(Duration.ofSeconds(5), 16, "127.0.0.1/32");

        assertThatThrownBy(() -> post(url)).isInstanceOf(IOException.class).hasMessageContaining("header");
    }

    @Test
    void refusesAResponseWithAnOverlongHeaderLine() throws IOException {
        URI url = serve(out -> write(
                out,
                "HTTP/1.1 200 OK\r\nX-Long: " + "y".repeat(BoundedHttpClient.MAX_LINE_LENGTH)
                        + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        client(Duration.ofSeconds(5), 16, "127.0.0.1/32");

        assertThatThrownBy(() -> post(url)).isInstanceOf(IOException.class);
    }

    @Test
    void theTimeoutBoundsTheWholeExchangeWhenTheHeadTrickles() throws IOException {
        // a header byte every 50 ms: every read is quick, the head would take minutes
        URI url = serve(out -> {
            write(out, "HTTP/1.1 200 OK\r\nX-Slow: ");
            for (int i = 0; i < 5000; i++) {
                write(out, "y");
                try {
                    // paced by the latch: the test's end stops the receiver at once
                    if (stop.await(50, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        client(Duration.ofMillis(700), 16, "127.0.0.1/32");

        assertThatThrownBy(() -> post(url))
                .isInstanceOf(BoundedHttpClient.TimedOut.class)
                .hasMessageContaining("700 ms");
    }

    @Test
    void refusesALoopbackAddressThatIsNotAllowListedWithoutConnecting() throws IOException {
        URI url = serve(out -> write(out, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        client(Duration.ofSeconds(2), 16, "");

        assertThatThrownBy(() -> post(url))
                .isInstanceOf(RefusedDestinationException.class)
                .hasMessageContaining("loopback")
                .hasMessageContaining("TEST_ALLOWLIST");
    }
}
