package dev.orders.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's compose.yaml under a project name of its own, driven through the Docker CLI: {@code docker
 * compose} when the Compose v2 plugin is there, else docker-compose 1.29. Every command's output goes to a log in
 * {@code e2e.logs}.
 */
final class DockerCompose {

    /** A container of the project as {@code docker inspect} sees it. */
    record Container(String id, String name, String service, String state, String health, int exitCode) {
        boolean healthy() {
            return state.equals("running") && (health.isEmpty() || health.equals("healthy"));
        }
    }

    private static final Pattern EXITED = Pattern.compile("^Exited \\((-?\\d+)\\)");
    static final Path ROOT =
            Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
    private static final Path LOGS = Path.of(System.getProperty("e2e.logs", "target/e2e-logs"));

    final String project;
    private final List<String> compose;
    private final Map<String, String> env;
    private final Path log;

    DockerCompose(String project, Map<String, String> env) {
        this.project = project;
        this.env = new LinkedHashMap<>(env);
        this.log = LOGS.resolve("compose-" + project + ".log");
        this.compose = exitCode(Duration.ofSeconds(30), "docker", "compose", "version") == 0
                ? List.of("docker", "compose")
                : List.of("docker-compose");
    }

    /** Fails, naming what to do, when no Docker daemon answers. */
    static void requireDocker() {
        if (exitCode(Duration.ofSeconds(30), "docker", "info") != 0) {
            throw new AssertionError("Docker does not answer (docker info): start the daemon, e.g. "
                    + "`dockerd --storage-driver=vfs &` (.ci/run does when it is not running)");
        }
    }

    /** The variables scripts/local-images.sh prints: the local stand-ins of the public images, built if missing. */
    static Map<String, String> localImages() {
        String out = run(
                Duration.ofMinutes(20),
                LOGS.resolve("local-images.log"),
                Map.of(),
                ROOT.resolve("scripts/local-images.sh").toString());
        Map<String, String> images = new LinkedHashMap<>();
        out.lines().filter(l -> l.matches("[A-Z_]+=\\S+")).forEach(l -> {
            int eq = l.indexOf('=');
            images.put(l.substring(0, eq), l.substring(eq + 1));
        });
        return images;
    }

    String compose(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("-p", project, "-f", ROOT.resolve("compose.yaml").toString()));
        command.addAll(Arrays.asList(args));
        return run(timeout, log, env, command.toArray(String[]::new));
    }

    String docker(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(Arrays.asList(args));
        return run(timeout, log, Map.of(), command.toArray(String[]::new));
    }

    /** Every container of the project, stopped ones too. */
    List<Container> containers() {
        // docker ps, not inspect: its columns are the same in every client version, with or without a health check
        String rows = docker(
                Duration.ofSeconds(30),
                "ps",
                "-a",
                "--no-trunc",
                "--filter",
                "label=com.docker.compose.project=" + project,
                "--format",
                "{{.ID}}|{{.Names}}|{{.Label \"com.docker.compose.service\"}}|{{.State}}|{{.Status}}");
        return rows.lines()
                .filter(l -> !l.isBlank())
                .map(l -> l.split("\\|", -1))
                .map(f -> {
                    String status = f[4];
                    String health = status.contains("(healthy)")
                            ? "healthy"
                            : status.contains("(unhealthy)")
                                    ? "unhealthy"
                                    : status.contains("(health: starting)") ? "starting" : "";
                    Matcher exited = EXITED.matcher(status);
                    return new Container(
                            f[0], f[1], f[2], f[3], health, exited.find() ? Integer.parseInt(exited.group(1)) : 0);
                })
                .toList();
    }

    List<Container> containers(String service) {
        return containers().stream().filter(c -> c.service().equals(service)).toList();
    }

    /** Waits until every long-running container is running and healthy and every one-shot one ended well. */
    void awaitHealthy(Duration within, String... oneShotServices) {
        List<String> oneShot = List.of(oneShotServices);
        await(project + ": every container healthy")
                .atMost(within)
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    List<Container> all = containers();
                    return !all.isEmpty()
                            && all.stream()
                                    .allMatch(c -> oneShot.contains(c.service())
                                            ? c.state().equals("exited") && c.exitCode() == 0
                                            : c.healthy());
                });
    }

    /** What is left of the project: containers, networks and volumes that carry its label. */
    List<String> leftovers() {
        List<String> left = new ArrayList<>();
        String label = "label=com.docker.compose.project=" + project;
        docker(Duration.ofSeconds(30), "ps", "-aq", "--filter", label).lines().forEach(c -> left.add("container " + c));
        docker(Duration.ofSeconds(30), "network", "ls", "-q", "--filter", label)
                .lines()
                .forEach(n -> left.add("network " + n));
        docker(Duration.ofSeconds(30), "volume", "ls", "-q", "--filter", label)
                .lines()
                .forEach(v -> left.add("volume " + v));
        docker(Duration.ofSeconds(30), "volume", "ls", "-q", "--filter", "name=" + project + "_")
                .lines()
                .forEach(v -> left.add("volume " + v));
        return left;
    }

    private static int exitCode(Duration timeout, String... command) {
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Runs a command in the repository root; its output, appended to {@code log}, or an AssertionError. */
    private static String run(Duration timeout, Path log, Map<String, String> env, String... command) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
            pb.environment().putAll(env);
            Path out = Files.createTempFile("compose", ".out");
            Path err = Files.createTempFile("compose", ".err");
            Process p =
                    pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            boolean ended = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                p.destroyForcibly().waitFor();
            }
            String stdout = Files.readString(out);
            String stderr = Files.readString(err);
            Files.delete(out);
            Files.delete(err);
            Files.writeString(
                    log,
                    "$ " + String.join(" ", command) + "\n" + stdout + stderr,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            if (!ended || p.exitValue() != 0) {
                String tail = (stdout + stderr)
                        .lines()
                        .skip(Math.max(0, (stdout + stderr).lines().count() - 30))
                        .reduce("", (a, b) -> a + "\n" + b);
                throw new AssertionError(String.join(" ", command)
                        + (ended ? " exited with " + p.exitValue() : " did not end within " + timeout)
                        + "; last lines (all in " + log + "):" + tail);
            }
            return stdout;
        } catch (IOException e) {
            throw new AssertionError(String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
