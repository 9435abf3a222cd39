package dev.orders.infra.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Isolation of one test run on the shared local servers (no Docker here): a RabbitMQ virtual host per run, a Redis
 * key prefix per run, a PostgreSQL schema per run, SQLite files in a temporary folder. It never touches what the
 * run did not create. A server that is not running fails the test loudly: nothing is skipped.
 */
public final class TestInfra {

    /** Short, unique per JVM. */
    public static final String RUN_ID =
            UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    public static final String RABBIT_HOST = env("RABBITMQ_HOST", "localhost");
    public static final int RABBIT_PORT = Integer.parseInt(env("RABBITMQ_PORT", "5672"));
    public static final String REDIS_HOST = env("REDIS_HOST", "localhost");
    public static final int REDIS_PORT = Integer.parseInt(env("REDIS_PORT", "6379"));
    public static final String PG_HOST = env("PGHOST_TEST", "localhost");
    public static final int PG_PORT = 5432;

    private static final List<String> vhosts = new ArrayList<>();
    private static final List<String> schemas = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestInfra::cleanUp, "test-infra-cleanup"));
    }

    private TestInfra() {}

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public static void requireRabbitMq() {
        requirePort("RabbitMQ", RABBIT_HOST, RABBIT_PORT, "rabbitmq-server -detached");
    }

    public static void requireRedis() {
        requirePort(
                "Redis",
                REDIS_HOST,
                REDIS_PORT,
                "redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save \"\" --appendonly no");
    }

    public static void requirePostgres() {
        requirePort(
                "PostgreSQL",
                PG_HOST,
                PG_PORT,
                "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start");
    }

    private static void requirePort(String name, String host, int port, String howToStart) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
        } catch (IOException e) {
            throw new AssertionError(name + " is not reachable at " + host + ":" + port
                    + ". These tests need the real server; start it with: " + howToStart);
        }
    }

    /** A fresh virtual host for this run, {@code test-<run>-<name>}, deleted when the JVM exits. */
    public static synchronized String newVhost(String name) {
        requireRabbitMq();
        String vhost = "test-" + RUN_ID + "-" + name;
        rabbitmqctl("add_vhost", vhost);
        rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
        vhosts.add(vhost);
        return vhost;
    }

    public static String redisPrefix(String name) {
        requireRedis();
        return "test:" + RUN_ID + ":" + name + ":";
    }

    /** A fresh schema in the {@code postgres} database; returns a JDBC URL that uses it. */
    public static synchronized String newPostgresSchema(String name) {
        requirePostgres();
        String schema = ("t_" + RUN_ID + "_" + name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection c = DriverManager.getConnection(postgresUrl(null), "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new AssertionError("Cannot create schema " + schema + ": " + e.getMessage(), e);
        }
        schemas.add(schema);
        return postgresUrl(schema);
    }

    public static String postgresUrl(String schema) {
        return "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/postgres"
                + (schema == null ? "" : "?currentSchema=" + schema);
    }

    public static Path newTempDir(String name) {
        try {
            return Files.createTempDirectory("orders-test-" + RUN_ID + "-" + name);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static String sqliteUrl(String name) {
        return "jdbc:sqlite:" + newTempDir(name).resolve(name + ".db");
    }

    public static String rabbitmqctl(String... args) {
        List<String> command = new ArrayList<>();
        command.add(env("RABBITMQCTL", "rabbitmqctl"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("rabbitmqctl " + String.join(" ", args) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("rabbitmqctl is needed to isolate test runs: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void cleanUp() {
        for (String vhost : vhosts) {
            try {
                rabbitmqctl("delete_vhost", vhost);
            } catch (AssertionError ignored) {
                // best effort at exit
            }
        }
        for (String schema : schemas) {
            try (Connection c = DriverManager.getConnection(postgresUrl(null), "postgres", "");
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException ignored) {
                // best effort at exit
            }
        }
    }
}
