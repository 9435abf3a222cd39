package dev.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.infra.test.TestInfra;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A service handed an AOT cache it cannot use (recorded with other JVM options, damaged, or gone) starts without it
 * and serves: the JVM's default {@code -XX:AOTMode=auto} refuses such a cache with a warning instead of failing,
 * which run.sh and the images rely on.
 */
class AotCacheFallbackIT {

    @Test
    void servicesStartAndServeWithAStaleADamagedAndAMissingCache() throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "aot-fallback")).toAbsolutePath();
        Path stale = dir.resolve("other-options.aot");
        Path damaged = dir.resolve("damaged.aot");
        Path missing = dir.resolve("missing.aot");
        Files.deleteIfExists(stale);
        Files.deleteIfExists(missing);
        // the processes append to their logs: start this run's empty, so what they say is this run's
        Path logs = Path.of(System.getProperty("e2e.logs", "target/e2e-logs"));
        for (String name : List.of("products-1", "orders-1", "gateway-1", "training")) {
            Files.deleteIfExists(logs.resolve("aotfallback-" + name + ".log"));
        }
        recordWithOtherOptions(stale);
        byte[] noise = new byte[64 * 1024];
        ThreadLocalRandom.current().nextBytes(noise);
        Files.write(damaged, noise);

        try (Stack stack = Stack.named("aotfallback")
                .jvmOptions("products-service", "-XX:AOTCache=" + stale)
                .jvmOptions("orders-service", "-XX:AOTCache=" + damaged)
                .jvmOptions("api-gateway", "-XX:AOTCache=" + missing)
                .start()) {
            // each JVM did look at its cache and turned it down; otherwise this test would prove nothing
            for (ServiceProcess service : stack.all()) {
                assertThat(service.output()).as(service.name).contains("[aot]");
            }
            Api api = stack.api();
            String product = api.createProduct("Lamp", 5);
            JsonNode order = api.awaitFinal(api.placeOrder(product, 2), Duration.ofSeconds(30));
            assertThat(order.get("status").asString()).isEqualTo("CONFIRMED");
            assertThat(api.stock(product)).isEqualTo(3);
        }
    }

    /** A real cache of products-service, recorded from a start to context refresh with compact object headers. */
    private static void recordWithOtherOptions(Path cache) {
        String db = TestInfra.sqliteUrl("aotfallback-training");
        List<String> options = new ArrayList<>(List.of(Stack.JVM_OPTIONS));
        options.addAll(List.of(
                "-XX:+UseCompactObjectHeaders", "-XX:AOTCacheOutput=" + cache, "-Dspring.context.exit=onRefresh"));
        ServiceProcess training = new ServiceProcess(
                        "products-service",
                        "aotfallback-training",
                        0,
                        "/health",
                        Map.of(
                                "PLATFORM_PROFILE", "dev",
                                "ADMIN_API_KEY", Stack.ADMIN_KEY,
                                "PRODUCTS_DB_URL", db,
                                "PRODUCTS_SERVICE_PORT", "0",
                                "PRODUCTS_DEMO_CATALOGUE", "false"),
                        options)
                .start();
        training.awaitExit(Duration.ofSeconds(180));
        assertThat(cache).as("the cache recorded for other options").isNotEmptyFile();
    }
}
