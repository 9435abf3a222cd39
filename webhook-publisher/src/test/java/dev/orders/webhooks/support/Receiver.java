package dev.orders.webhooks.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A real HTTP subscriber on 127.0.0.1 and a random port: answers each request as scripted (by its 1-based number)
 * and records what it received.
 */
public final class Receiver implements AutoCloseable {

    /** What the receiver got. Header names are lower case. */
    public record Request(
            int number, Instant receivedAt, String method, String path, Map<String, String> headers, byte[] body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** How to answer: a status, headers and body, optionally after holding the request until released. */
    public record Reply(int status, Map<String, String> headers, String body, boolean holds, long trickleMillis) {

        public static Reply status(int status) {
            return new Reply(status, Map.of(), "", false, 0);
        }

        public static Reply status(int status, String body) {
            return new Reply(status, Map.of(), body, false, 0);
        }

        public static Reply withHeader(int status, String name, String value) {
            return new Reply(status, Map.of(name, value), "", false, 0);
        }

        /** Holds the request open until {@link Receiver#releaseHangs()} (or 60 s), then answers 200. */
        public static Reply hang() {
            return new Reply(200, Map.of(), "", true, 0);
        }

        /** Sends the status at once, then the body one byte every {@code millis} until released. */
        public static Reply trickle(String body, long millis) {
            return new Reply(200, Map.of(), body, false, millis);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile IntFunction<Reply> script = n -> Reply.status(200);

    private Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public static Receiver start() {
        return new Receiver();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Answers request {@code n} with {@code replies[n-1]}; the last reply repeats. */
    public Receiver replyInOrder(Reply... replies) {
        script = n -> replies[Math.min(n, replies.length) - 1];
        return this;
    }

    public Receiver replyAlways(Reply reply) {
        script = n -> reply;
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public int count() {
        return requests.size();
    }

    /** Requests received and not answered yet. */
    public int inProgress() {
        return inProgress.get();
    }

    public void releaseHangs() {
        release.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        inProgress.incrementAndGet();
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            int number = counter.incrementAndGet();
            requests.add(new Request(
                    number,
                    Instant.now(),
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(),
                    Map.copyOf(headers),
                    body));
            Reply reply = script.apply(number);
            if (reply.holds()) {
                release.await(60, TimeUnit.SECONDS);
            }
            reply.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                OutputStream stream = exchange.getResponseBody();
                if (reply.trickleMillis() > 0) {
                    for (byte b : out) {
                        stream.write(b);
                        stream.flush();
                        // paced by the latch: a released receiver sends the rest at once
                        release.await(reply.trickleMillis(), TimeUnit.MILLISECONDS);
                    }
                } else {
                    stream.write(out);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // the publisher hung up (timeout or abort): nothing to answer
        } finally {
            inProgress.decrementAndGet();
        }
    }

    @Override
    public void close() {
        releaseHangs();
        server.stop(0);
    }
}
