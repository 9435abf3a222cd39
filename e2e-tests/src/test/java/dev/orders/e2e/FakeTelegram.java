package dev.orders.e2e;

import com.sun.net.httpserver.HttpServer;
import dev.orders.infra.json.WireJson;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/** The Telegram Bot API's {@code sendMessage}, as far as the notifier uses it: records what it was asked to send. */
final class FakeTelegram implements AutoCloseable {

    record Sent(String path, JsonNode body) {}

    private final HttpServer server;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final AtomicLong messageIds = new AtomicLong(100);

    FakeTelegram() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        server.createContext("/", exchange -> {
            JsonNode body = WireJson.mapper().readTree(exchange.getRequestBody().readAllBytes());
            sent.add(new Sent(exchange.getRequestURI().getPath(), body));
            byte[] reply = ("{\"ok\":true,\"result\":{\"message_id\":" + messageIds.incrementAndGet()
                            + ",\"date\":1764201600,\"chat\":{\"id\":"
                            + body.path("chat_id").asLong() + ",\"type\":\"private\"},"
                            + "\"text\":\"ok\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Sent> sentTo(long chatId) {
        return sent.stream()
                .filter(s -> s.body().path("chat_id").asLong() == chatId)
                .toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
