package dev.orders.edge.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.orders.infra.json.WireJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * An in-process Telegram Bot API that answers {@code sendMessage} like the real one: it checks the token in the
 * path, records every request, and answers what a test scripted for a chat (429 with retry_after, 403, 400 chat
 * not found, 400 with migrate_to_chat_id, 500) before going back to success.
 */
public final class FakeTelegram implements AutoCloseable {

    public static final String TOKEN = "123456789:TEST-fake_token-abcdefghijklmnop";

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<Long, Deque<Reply>> scripted = new ConcurrentHashMap<>();
    private final Map<Long, Reply> always = new ConcurrentHashMap<>();
    private final AtomicLong messageIds = new AtomicLong(1000);

    public FakeTelegram() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new AssertionError("Cannot start the fake Telegram server", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /**
     * @param chatIdWasNumber whether {@code chat_id} came as a JSON integer (not a string)
     */
    public record Request(long chatId, boolean chatIdWasNumber, String text, String parseMode, Instant at) {}

    public record Reply(int status, String body) {

        public static Reply tooManyRequests(int retryAfter) {
            return error(429, "Too Many Requests: retry after " + retryAfter, "{\"retry_after\":" + retryAfter + "}");
        }

        public static Reply blocked() {
            return error(403, "Forbidden: bot was blocked by the user", null);
        }

        public static Reply neverStarted() {
            return error(403, "Forbidden: bot can't initiate conversation with a user", null);
        }

        public static Reply deactivated() {
            return error(403, "Forbidden: user is deactivated", null);
        }

        public static Reply chatNotFound() {
            return error(400, "Bad Request: chat not found", null);
        }

        public static Reply migrated(long newChatId) {
            return error(
                    400,
                    "Bad Request: group chat was upgraded to a supergroup chat",
                    "{\"migrate_to_chat_id\":" + newChatId + "}");
        }

        public static Reply serverError() {
            return error(500, "Internal Server Error", null);
        }

        private static Reply error(int status, String description, String parameters) {
            return new Reply(
                    status,
                    "{\"ok\":false,\"error_code\":" + status + ",\"description\":\"" + description + "\""
                            + (parameters == null ? "" : ",\"parameters\":" + parameters) + "}");
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next requests to this chat get these answers, in order; later ones succeed. */
    public void script(long chatId, Reply... replies) {
        scripted.computeIfAbsent(chatId, k -> new ArrayDeque<>()).addAll(List.of(replies));
    }

    /** Every request to this chat gets this answer, once the scripted ones are used up. */
    public void always(long chatId, Reply reply) {
        always.put(chatId, reply);
    }

    public List<Request> requestsTo(long chatId) {
        return requests.stream().filter(r -> r.chatId() == chatId).toList();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!exchange.getRequestMethod().equals("POST")
                    || !exchange.getRequestURI().getPath().equals("/bot" + TOKEN + "/sendMessage")) {
                respond(exchange, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
                return;
            }
            JsonNode json = WireJson.mapper().readTree(new String(body, StandardCharsets.UTF_8));
            JsonNode chat = json.path("chat_id");
            long chatId = chat.isIntegralNumber() ? chat.longValue() : Long.parseLong(chat.asString());
            String text = json.path("text").asString();
            requests.add(new Request(
                    chatId,
                    chat.isIntegralNumber(),
                    text,
                    json.path("parse_mode").asString(null),
                    Instant.now()));
            Deque<Reply> queue = scripted.get(chatId);
            Reply reply = queue == null ? null : queue.pollFirst();
            if (reply == null) {
                reply = always.get(chatId);
            }
            if (reply == null) {
                reply = new Reply(
                        200,
                        "{\"ok\":true,\"result\":{\"message_id\":" + messageIds.incrementAndGet() + ",\"chat\":{\"id\":"
                                + chatId + "},\"date\":" + Instant.now().getEpochSecond() + "}}");
            }
            respond(exchange, reply.status(), reply.body());
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
