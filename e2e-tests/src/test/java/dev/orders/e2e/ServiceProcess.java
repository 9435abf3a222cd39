package dev.orders.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** One service started from its executable jar as a separate process, as run.sh starts it. */
final class ServiceProcess {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    final String module;
    final String name;
    final int port;
    final String healthPath;
    private final Map<String, String> env;
    private final List<String> jvmOptions;
    private Process process;
    private int starts;

    ServiceProcess(
            String module, String name, int port, String healthPath, Map<String, String> env, List<String> jvmOptions) {
        this.module = module;
        this.name = name;
        this.port = port;
        this.healthPath = healthPath;
        this.env = new LinkedHashMap<>(env);
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    static Path jar(String module) {
        String root = System.getProperty("e2e.root", "..");
        String version = System.getProperty("e2e.version", "0.1.0-SNAPSHOT");
        Path jar = Path.of(root, module, "target", module + "-" + version + "-exec.jar")
                .toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("Missing " + jar + ": build the services first (./test.sh does)");
        }
        return jar;
    }

    synchronized ServiceProcess start() {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar(module).toString());
        Path logs = Path.of(System.getProperty("e2e.logs", "target/e2e-logs"));
        try {
            Files.createDirectories(logs);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            logs.resolve(name + ".log").toFile()));
            builder.environment().putAll(env);
            process = builder.start();
            starts++;
        } catch (IOException e) {
            throw new AssertionError("Cannot start " + name, e);
        }
        return this;
    }

    URI base() {
        return URI.create("http://localhost:" + port);
    }

    boolean healthy() {
        if (process == null || !process.isAlive()) {
            return false;
        }
        try {
            HttpResponse<Void> r = HTTP.send(
                    HttpRequest.newBuilder(base().resolve(healthPath))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void awaitHealthy(Duration timeout) {
        Awaitility.await(name + " healthy")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (process != null && !process.isAlive()) {
                        throw new AssertionError(name + " exited with " + process.exitValue() + "; see target/e2e-logs/"
                                + name + ".log");
                    }
                    return healthy();
                });
    }

    /** SIGTERM, as Ctrl-C in run.sh would. */
    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL: no shutdown hooks, no flushing, like a crash. */
    void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long pid() {
        return process.pid();
    }

    /** The exit code, once the process has ended by itself within {@code timeout}. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " still running after " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return process.exitValue();
    }

    /** Everything the process printed. */
    String output() {
        try {
            return Files.readString(Path.of(System.getProperty("e2e.logs", "target/e2e-logs"), name + ".log"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }
}
