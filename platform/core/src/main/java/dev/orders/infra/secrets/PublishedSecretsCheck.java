package dev.orders.infra.secrets;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start a service that uses a published development secret (one written in this repository, so known to
 * anyone) unless {@code PLATFORM_PROFILE=dev}; in development it says so loudly instead. Each service lists its
 * secrets under {@code platform.published-secrets} (the variable that sets it, the property it ends in, the published
 * value); a secret is in use when its property's value contains the published one. Runs once the configuration is
 * read and logging is set up, before any bean exists.
 */
public final class PublishedSecretsCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final String PROFILE_VARIABLE = "PLATFORM_PROFILE";
    static final String DEVELOPMENT = "dev";

    private static final Logger log = LoggerFactory.getLogger(PublishedSecretsCheck.class);

    /**
     * @param variable the environment variable that sets the secret
     * @param property the property whose value the service uses
     * @param value    the published development value
     */
    public record PublishedSecret(String variable, String property, String value) {}

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(event.getEnvironment());
    }

    static void check(ConfigurableEnvironment environment) {
        Map<String, PublishedSecret> declared = Binder.get(environment)
                .bind("platform.published-secrets", Bindable.mapOf(String.class, PublishedSecret.class))
                .orElse(Map.of());
        List<PublishedSecret> inUse = declared.values().stream()
                .filter(s -> s.value() != null && !s.value().isBlank() && s.property() != null)
                .filter(s -> {
                    String current = environment.getProperty(s.property());
                    return current != null && current.contains(s.value());
                })
                .toList();
        if (inUse.isEmpty()) {
            return;
        }
        if (DEVELOPMENT.equals(environment.getProperty(PROFILE_VARIABLE))) {
            for (PublishedSecret secret : inUse) {
                log.warn(
                        "*** {} holds a published development secret: allowed because {}={}; anyone can read it, so "
                                + "never let this service be reached from outside this machine ***",
                        secret.variable(),
                        PROFILE_VARIABLE,
                        DEVELOPMENT);
            }
            return;
        }
        throw new PublishedSecretInUseException(
                inUse.stream().map(PublishedSecret::variable).distinct().toList());
    }

    @Override
    public int getOrder() {
        // after the configuration is loaded and logging is initialised
        return Ordered.LOWEST_PRECEDENCE;
    }
}
