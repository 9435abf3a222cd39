package dev.orders.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.edge.support.EdgeClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class HealthIT extends EdgeFunctionsTestBase {

    @Test
    void isUpWithItsDatabaseAndWithoutRabbitMq() {
        EdgeClient.Answer answer = client().get("/actuator/health");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode health = answer.json();
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("status").asString())
                .isEqualTo("UP");
        assertThat(health.path("components").has("rabbit"))
                .as(health.toString())
                .isFalse();
        assertThat(health.path("components").has("redis")).as(health.toString()).isFalse();
    }

    @Test
    void exposesPrometheusMetrics() {
        EdgeClient.Answer answer = client().get("/actuator/prometheus");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("edge_notifier_backlog").contains("application=\"edge-functions\"");
    }

    @Test
    void answersAnUnknownPathWithAProblem() {
        EdgeClient.Answer answer = client().get("/functions/v1/nothing");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }
}
