package dev.orders.edge.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.orders.infra.json.WireJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;

/** A local stand-in for Slack incoming webhooks: records each POST by path, answers 200 "ok" unless told otherwise. */
public final class SlackReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> statusByPath = new ConcurrentHashMap<>();

    public record Post(String path, String contentType, JsonNode json) {}

    public SlackReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new AssertionError("Cannot start the Slack receiver", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** A webhook URL of this receiver; the path tells posts apart. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/services/" + path;
    }

    /** Answer this status to posts on this webhook (404 is what Slack says for a revoked one). */
    public void answer(String path, int status) {
        statusByPath.put("/services/" + path, status);
    }

    public List<Post> postsTo(String path) {
        return posts.stream().filter(p -> p.path().equals("/services/" + path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            posts.add(new Post(
                    path,
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    WireJson.mapper().readTree(body)));
            int status = statusByPath.getOrDefault(path, 200);
            byte[] answer =
                    (status == 200 ? "ok" : status == 404 ? "no_service" : "error").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
