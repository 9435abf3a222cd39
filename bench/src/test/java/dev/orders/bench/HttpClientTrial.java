package dev.orders.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * Compares the load generator's own client with Apache HttpClient 5 classic by the client's CPU per request: 32
 * virtual threads send keep-alive POSTs to a server in another process (a JDK HttpServer answering a fixed small
 * body), and this JVM's own CPU time (JIT and GC included) is divided by the requests sent after a warm-up.
 * Not a test: run it by hand, alternating the clients, e.g.
 * {@code java -cp <bench test classpath> dev.orders.bench.HttpClientTrial plain 200000}.
 */
public final class HttpClientTrial {

    private static final int THREADS = 32;
    private static final String BODY = "{\"productId\":\"00000000-0000-4000-8000-000000000001\",\"quantity\":2}";
    private static final byte[] ANSWER = ("{\"id\":\"01a21f02-1dfc-7000-9f7a-9d5d7aa689fc\",\"status\":\"PENDING\","
                    + "\"items\":[{\"productId\":\"00000000-0000-4000-8000-000000000001\",\"quantity\":2}]}")
            .getBytes(StandardCharsets.UTF_8);

    interface Client extends AutoCloseable {
        int post(String json) throws IOException;
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("server")) {
            serve();
            return;
        }
        int requests = Integer.parseInt(args[1]);
        Process server = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElseThrow(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        HttpClientTrial.class.getName(),
                        "server")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            int port = Integer.parseInt(new BufferedReader(new InputStreamReader(server.getInputStream())).readLine());
            URI uri = URI.create("http://127.0.0.1:" + port + "/orders");
            try (Client client = args[0].equals("plain") ? plain(uri) : apache(uri)) {
                run(client, requests / 2); // warm-up
                long cpuBefore = cpuNanos();
                long wallBefore = System.nanoTime();
                run(client, requests);
                long cpu = cpuNanos() - cpuBefore;
                long wall = System.nanoTime() - wallBefore;
                System.out.printf(
                        "%s: %d requests, client CPU %.1f µs/request, %.0f requests/s%n",
                        args[0], requests, cpu / 1000.0 / requests, requests * 1e9 / wall);
            }
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }

    private static void run(Client client, int requests) throws Exception {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int share = requests / THREADS;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        int status = client.post(BODY);
                        if (status != 201) {
                            throw new IllegalStateException("answered " + status);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    private static Client plain(URI uri) {
        PlainHttp http = new PlainHttp(uri, Duration.ofSeconds(5), Duration.ofSeconds(30));
        String path = uri.getRawPath();
        return new Client() {
            @Override
            public int post(String json) throws IOException {
                return http.post(path, json, "Authorization", "Bearer dev-demo-shop-key")
                        .status();
            }

            @Override
            public void close() {
                http.close();
            }
        };
    }

    private static Client apache(URI uri) {
        CloseableHttpClient http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(64)
                        .setMaxConnPerRoute(64)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(5, TimeUnit.SECONDS)
                                .setSocketTimeout(30, TimeUnit.SECONDS)
                                .build())
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
        return new Client() {
            @Override
            public int post(String json) throws IOException {
                HttpPost post = new HttpPost(uri);
                post.setHeader("Authorization", "Bearer dev-demo-shop-key");
                post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
                return http.execute(post, response -> {
                    EntityUtils.toString(response.getEntity());
                    return response.getCode();
                });
            }

            @Override
            public void close() throws IOException {
                http.close();
            }
        };
    }

    private static void serve() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/orders", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, ANSWER.length);
            exchange.getResponseBody().write(ANSWER);
            exchange.close();
        });
        server.start();
        System.out.println(server.getAddress().getPort());
        System.out.flush();
    }
}
