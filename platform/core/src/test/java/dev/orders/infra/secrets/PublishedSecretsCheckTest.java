package dev.orders.infra.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class PublishedSecretsCheckTest {

    static StandardEnvironment environment(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>();
        all.put("platform.published-secrets.admin-api-key.variable", "ADMIN_API_KEY");
        all.put("platform.published-secrets.admin-api-key.property", "platform.admin-api-key");
        all.put("platform.published-secrets.admin-api-key.value", "dev-admin-key");
        all.put("platform.published-secrets.api-keys.variable", "API_KEYS");
        all.put("platform.published-secrets.api-keys.property", "gateway.auth.api-keys");
        all.put("platform.published-secrets.api-keys.value", "dev-demo-key");
        all.put("platform.admin-api-key", "${ADMIN_API_KEY:dev-admin-key}");
        all.putAll(properties);
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", all));
        return environment;
    }

    @Test
    void refusesThePublishedAdminKeyWhenNoProfileIsSetAndNamesTheVariable() {
        assertThatThrownBy(() -> PublishedSecretsCheck.check(environment(Map.of())))
                .isInstanceOf(PublishedSecretInUseException.class)
                .hasMessageContaining("ADMIN_API_KEY")
                .hasMessageContaining("PLATFORM_PROFILE=dev")
                .hasMessageNotContaining("dev-admin-key");
    }

    @Test
    void refusesItUnderAnyProfileButDev() {
        assertThatThrownBy(() -> PublishedSecretsCheck.check(environment(Map.of("PLATFORM_PROFILE", "production"))))
                .isInstanceOf(PublishedSecretInUseException.class);
        assertThatThrownBy(() -> PublishedSecretsCheck.check(environment(Map.of("PLATFORM_PROFILE", "DEV "))))
                .isInstanceOf(PublishedSecretInUseException.class);
    }

    @Test
    void refusesAPublishedKeyInsideAList() {
        assertThatThrownBy(() -> PublishedSecretsCheck.check(environment(Map.of(
                        "ADMIN_API_KEY",
                        "a-key-of-our-own",
                        "gateway.auth.api-keys",
                        "shop:k3y-of-our-own:orders.read;demo:dev-demo-key:orders.read"))))
                .isInstanceOfSatisfying(
                        PublishedSecretInUseException.class,
                        e -> assertThat(e.variables()).containsExactly("API_KEYS"));
    }

    @Test
    void allowsPublishedSecretsInDevelopment() {
        assertThatCode(() -> PublishedSecretsCheck.check(environment(Map.of("PLATFORM_PROFILE", "dev"))))
                .doesNotThrowAnyException();
    }

    @Test
    void startsWithSecretsOfItsOwn() {
        assertThatCode(() -> PublishedSecretsCheck.check(environment(Map.of(
                        "ADMIN_API_KEY",
                        "0f3a9c2e7b51d8e4",
                        "gateway.auth.api-keys",
                        "shop:9d1e77a0c3b4f2a8:orders.read"))))
                .doesNotThrowAnyException();
    }

    @Test
    void explainsTheFailureInBootsStartupReport() {
        PublishedSecretInUseException failure = new PublishedSecretInUseException(java.util.List.of("ADMIN_API_KEY"));
        FailureAnalysis analysis = new PublishedSecretFailureAnalyzer().analyze(new RuntimeException(failure));
        assertThat(analysis.getAction()).contains("ADMIN_API_KEY").contains("PLATFORM_PROFILE=dev");
    }
}
