package dev.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.infra.test.TestInfra;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** A service started as a deployment would start it, without PLATFORM_PROFILE=dev, refuses the published secrets. */
@Order(5)
class PublishedSecretsIT {

    static ServiceProcess started(String module, Map<String, String> env) {
        int port = Stack.freePort();
        ServiceProcess service = new ServiceProcess(
                module,
                "secrets-" + module + "-" + TestInfra.RUN_ID,
                port,
                "/actuator/health",
                env,
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
        return service.start();
    }

    @Test
    void theGatewayRefusesTheDevelopmentAdminKeyAndTheDemoClientKeyAndSaysWhatToSet() {
        ServiceProcess gateway = started(
                "api-gateway", Map.of("API_GATEWAY_PORT", "0", "API_KEYS", "demo-shop:dev-demo-shop-key:orders.read"));
        try {
            assertThat(gateway.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(gateway.output())
                    .contains("APPLICATION FAILED TO START")
                    .contains("ADMIN_API_KEY")
                    .contains("API_KEYS")
                    .contains("PLATFORM_PROFILE=dev")
                    .doesNotContain("dev-demo-shop-key");
        } finally {
            gateway.stop();
        }
    }

    @Test
    void theEdgeFunctionsRefuseTheDevelopmentWebhookSecretsEvenWithAnAdminKeyOfTheirOwn() {
        ServiceProcess edge = started(
                "edge-functions",
                Map.of(
                        "EDGE_FUNCTIONS_PORT",
                        "0",
                        "ADMIN_API_KEY",
                        "a-production-admin-key",
                        "PLATFORM_PROFILE",
                        "production"));
        try {
            assertThat(edge.awaitExit(Duration.ofSeconds(60))).isNotZero();
            String refusal = edge.output()
                    .lines()
                    .filter(l -> l.startsWith("Refusing to start:"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no refusal in:\n" + edge.output()));
            assertThat(refusal)
                    .contains("LOGGER_WEBHOOK_SECRET")
                    .contains("NOTIFIER_WEBHOOK_SECRET")
                    .doesNotContain("ADMIN_API_KEY");
        } finally {
            edge.stop();
        }
    }
}
