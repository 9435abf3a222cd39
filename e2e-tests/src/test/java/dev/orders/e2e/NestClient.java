package dev.orders.e2e;

import dev.orders.infra.json.WireJson;
import dev.orders.infra.test.TestInfra;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/** Runs {@code src/test/node/nest-client.js}: a real NestJS 11 ClientProxy over RabbitMQ. */
final class NestClient {

    private static final Path DIR = Path.of(System.getProperty("e2e.root", ".."), "e2e-tests", "src", "test", "node")
            .toAbsolutePath()
            .normalize();

    private final String url;
    private final String queue;

    NestClient(String vhost, String queue) {
        this.url = "amqp://guest:guest@" + TestInfra.RABBIT_HOST + ":" + TestInfra.RABBIT_PORT + "/"
                + java.net.URLEncoder.encode(vhost, StandardCharsets.UTF_8);
        this.queue = queue;
    }

    static synchronized void install() {
        if (Files.isDirectory(DIR.resolve("node_modules/@nestjs/microservices"))) {
            return;
        }
        run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
    }

    /** The last line the script printed: {"ok": value} or {"error": err}. */
    JsonNode send(String pattern, Object data) {
        return call("send", pattern, data);
    }

    JsonNode emit(String pattern, Object data) {
        return call("emit", pattern, data);
    }

    private JsonNode call(String verb, String pattern, Object data) {
        install();
        String out = run(
                List.of(
                        "node",
                        "nest-client.js",
                        url,
                        queue,
                        verb,
                        pattern,
                        WireJson.mapper().writeValueAsString(data)),
                60);
        String[] lines = out.strip().split("\n");
        return WireJson.mapper().readTree(lines[lines.length - 1]);
    }

    private static String run(List<String> command, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command)
                    .directory(DIR.toFile())
                    .redirectErrorStream(false)
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + err);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("Node.js and npm are needed for the NestJS interoperability tests", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
