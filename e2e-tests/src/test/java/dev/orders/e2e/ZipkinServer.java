package dev.orders.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real Zipkin server (its executable jar, spans kept in memory) on a free port, as a separate process. */
final class ZipkinServer implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final int port = Stack.freePort();
    private final Process process;

    ZipkinServer() {
        Path jar = Path.of(System.getProperty("e2e.zipkin", "target/zipkin/zipkin-server-exec.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("Missing " + jar + ": mvn verify in e2e-tests copies it from Maven Central");
        }
        Path logs = Path.of(System.getProperty("e2e.logs", "target/e2e-logs"));
        try {
            Files.createDirectories(logs);
            ProcessBuilder builder = new ProcessBuilder(
                            ProcessHandle.current().info().command().orElse("java"),
                            "-Xmx256m",
                            "-XX:+UseSerialGC",
                            "-jar",
                            jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            logs.resolve("zipkin.log").toFile()));
            builder.environment().put("QUERY_PORT", Integer.toString(port));
            builder.environment().put("STORAGE_TYPE", "mem");
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("Cannot start Zipkin", e);
        }
        Awaitility.await("zipkin healthy")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("Zipkin exited; see target/e2e-logs/zipkin.log");
                    }
                    return get("/health")
                            .map(h -> h.path("status").asString().equals("UP"))
                            .orElse(false);
                });
    }

    /** What the services are given as {@code ZIPKIN_ENDPOINT}. */
    String url() {
        return "http://localhost:" + port;
    }

    /** The spans of a trace as Zipkin has them so far (none while it knows no span of it). */
    List<JsonNode> trace(String traceId) {
        return get("/api/v2/trace/" + traceId)
                .map(spans -> {
                    List<JsonNode> list = new java.util.ArrayList<>();
                    spans.forEach(list::add);
                    return list;
                })
                .orElse(List.of());
    }

    private Optional<JsonNode> get(String path) {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url() + path))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(JsonMapper.shared().readTree(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
