package dev.orders.e2e;

import dev.orders.infra.test.TestInfra;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** Restarts of the shared servers, the way an operator (or a crash) would do them. */
final class Faults {

    private Faults() {}

    /** Redis here keeps nothing on disk: a restart forgets every processed: and lock: key. */
    static void restartRedis() {
        run(
                List.of(
                        "redis-cli",
                        "-h",
                        TestInfra.REDIS_HOST,
                        "-p",
                        Integer.toString(TestInfra.REDIS_PORT),
                        "shutdown",
                        "nosave"),
                false);
        Awaitility.await("Redis down").atMost(Duration.ofSeconds(10)).until(() -> !open());
        run(
                List.of(
                        "redis-server",
                        "--daemonize",
                        "yes",
                        "--bind",
                        "127.0.0.1",
                        "-::1",
                        "--port",
                        Integer.toString(TestInfra.REDIS_PORT),
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--dir",
                        "/var/lib/redis",
                        "--logfile",
                        "/var/log/redis/ci.log"),
                true);
        Awaitility.await("Redis up").atMost(Duration.ofSeconds(20)).until(Faults::open);
    }

    private static boolean open() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(TestInfra.REDIS_HOST, TestInfra.REDIS_PORT), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(List<String> command, boolean mustSucceed) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || (mustSucceed && p.exitValue() != 0)) {
                throw new AssertionError(String.join(" ", command) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
