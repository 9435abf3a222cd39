package dev.orders.webhooks.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code src/test/node/verify.js}: the official {@code standardwebhooks} npm package verifying a captured
 * delivery, as a Node receiver would. Installs the pinned package with {@code npm ci} on first use.
 */
public final class NodeVerifier {

    public record Result(int exitCode, String output) {}

    static final Path DIRECTORY = Path.of(System.getProperty("basedir", "."))
            .resolve("src/test/node")
            .toAbsolutePath()
            .normalize();

    private NodeVerifier() {}

    public static Result verify(String secret, Receiver.Request request) {
        return verify(
                secret,
                request.header("webhook-id"),
                request.header("webhook-timestamp"),
                request.header("webhook-signature"),
                request.body());
    }

    public static Result verify(String secret, String id, String timestamp, String signature, byte[] body) {
        ensureInstalled();
        try {
            Path headers = Files.createTempFile("webhook-headers", ".json");
            Path payload = Files.createTempFile("webhook-body", ".json");
            try {
                Files.writeString(
                        headers,
                        "{\"webhook-id\":\"" + id + "\",\"webhook-timestamp\":\"" + timestamp
                                + "\",\"webhook-signature\":\"" + signature + "\"}");
                Files.write(payload, body);
                return run(List.of("node", "verify.js", headers.toString(), payload.toString()), secret);
            } finally {
                Files.deleteIfExists(headers);
                Files.deleteIfExists(payload);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static synchronized void ensureInstalled() {
        if (Files.isDirectory(DIRECTORY.resolve("node_modules/standardwebhooks"))) {
            return;
        }
        Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), null);
        if (install.exitCode() != 0) {
            throw new AssertionError(
                    "npm ci in " + DIRECTORY + " failed (Node 18+ and npm are needed):\n" + install.output());
        }
    }

    private static Result run(List<String> command, String secret) {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(DIRECTORY.toFile()).redirectErrorStream(true);
        if (secret != null) {
            // the environment, not the command line, which other processes can read
            builder.environment().put("WEBHOOK_SECRET", secret);
        }
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in time");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError("Cannot run " + command.getFirst() + "; Node 18+ and npm are needed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
