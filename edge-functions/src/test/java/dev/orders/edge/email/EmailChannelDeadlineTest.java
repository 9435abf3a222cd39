package dev.orders.edge.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.edge.channel.Outgoing;
import dev.orders.edge.channel.SendResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An SMTP server that never finishes its greeting, one line every 50 ms: each read is quick, the whole is not. */
class EmailChannelDeadlineTest {

    private final CountDownLatch stop = new CountDownLatch(1);
    private ServerSocket server;

    @AfterEach
    void close() throws IOException {
        stop.countDown();
        server.close();
    }

    private int tricklingServer() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (Socket socket = server.accept()) {
                OutputStream out = socket.getOutputStream();
                // a multi-line greeting goes on until a line starts "220 "; this one gives up after 30 s
                for (int i = 0; i < 600; i++) {
                    out.write("220-still greeting\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    if (stop.await(50, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
                out.write("220 ready\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                stop.await(30, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                // the client hung up
            }
        });
        return server.getLocalPort();
    }

    @Test
    void theWholeSendIsBoundedEvenWhenEveryReadIsQuick() throws IOException {
        int port = tricklingServer();
        EmailChannel channel = new EmailChannel(new SmtpProperties(
                "127.0.0.1",
                port,
                "",
                "",
                "orders@example.test",
                false,
                Duration.ofSeconds(5),
                Duration.ofMillis(1500)));

        SendResult result = channel.send(new Outgoing("d-1", "ana@example.test", "Subject", "<b>Hola</b>", 0));

        assertThat(result)
                .isInstanceOfSatisfying(
                        SendResult.Retry.class,
                        retry -> assertThat(retry.error()).contains("no complete exchange within 1500 ms"));
    }
}
